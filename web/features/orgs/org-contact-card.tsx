import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { OrgContact } from "../../../shared/api/orgs.js";
import { useMe } from "../../app/session.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { ContactLine } from "../../components/contact-line.js";
import { DescriptionList } from "../../components/description-list.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { OrgContactForm, orgContactKey } from "./org-contact-form.js";

/** The organisation's contact card (issue 15): its department, person in charge, phone and representative e-mail. */
export function OrgContactCard({ orgId, orgName }: { orgId: string; orgName: string }) {
  const { t } = useI18n();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const contact = useQuery({
    queryKey: orgContactKey(orgId),
    queryFn: () => api.get<OrgContact>(`/orgs/${orgId}/contact`),
  });
  // The same rule as the server's org.contact.update: the secretariat and administrators, or the organisation's own administrator.
  const canEdit = me.abilities.manageOrgs || (me.user.isOrgAdmin && me.user.org.id === orgId);
  return (
    <Card id="org-contact" title={t("contact.title", { org: orgName })}>
      <QueryState query={contact}>
        {(c) =>
          editing ? (
            <OrgContactForm orgId={orgId} contact={c} labelledBy="org-contact" onSaved={() => setEditing(false)} />
          ) : (
            <>
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
              {canEdit && (
                <div className="mt-4">
                  <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
                    {t("contact.edit")}
                  </Button>
                </div>
              )}
            </>
          )
        }
      </QueryState>
    </Card>
  );
}
