import { useQuery } from "@tanstack/react-query";
import type { OrgContact } from "../../../shared/api/orgs.js";
import { Card } from "../../components/card.js";
import { ContactLine } from "../../components/contact-line.js";
import { DescriptionList } from "../../components/description-list.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";

/** The organisation's contact card (issue 15): its department, person in charge, phone and representative e-mail. */
export function OrgContactCard({ orgId, orgName }: { orgId: string; orgName: string }) {
  const { t } = useI18n();
  const contact = useQuery({
    queryKey: ["orgs", orgId, "contact"],
    queryFn: () => api.get<OrgContact>(`/orgs/${orgId}/contact`),
  });
  return (
    <Card id="org-contact" title={t("contact.title", { org: orgName })}>
      <QueryState query={contact}>
        {(c) => (
          <DescriptionList
            items={[
              { key: "department", term: t("contact.department"), value: c.department },
              { key: "person", term: t("contact.person"), value: c.person },
              {
                key: "reach",
                term: `${t("contact.phone")}・${t("contact.email")}`,
                value: <ContactLine contact={{ department: "", title: "", phone: c.phone, email: c.email }} />,
              },
              { key: "address", term: t("contact.address"), value: c.address },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
