import { Link, useParams } from "react-router";
import { orgKindLabels } from "../../../shared/api/orgs.js";
import { useMe } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { ButtonLink } from "../../components/button.js";
import { DescriptionList } from "../../components/description-list.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useI18n } from "../../lib/i18n.js";
import { useOrg } from "./api.js";
import { DigitalStaffSection } from "./digital-staff.js";
import { OrgContactCard } from "./org-contact-card.js";

export function OrgDetailPage() {
  const { t, label } = useI18n();
  const { id = "" } = useParams();
  const me = useMe();
  const org = useOrg(id);
  return (
    <QueryState query={org}>
      {(o) => (
        <>
          <PageHeader
            title={o.name}
            breadcrumbs={[{ label: t("orgs.title"), to: "/orgs" }, { label: o.name }]}
            actions={
              o.abilities.canEdit && (
                <ButtonLink to={`/orgs/${o.id}/edit`} variant="primary">
                  {t("action.edit")}
                </ButtonLink>
              )
            }
          />
          <DescriptionList
            items={[
              { key: "kind", term: t("orgs.kind"), value: label(orgKindLabels, o.kind) },
              { key: "code", term: t("orgs.lgCode"), value: o.lgCode },
              { key: "kana", term: t("orgs.kana"), value: o.kana },
              { key: "nameEn", term: t("orgs.nameEn"), value: o.nameEn && <span lang="en">{o.nameEn}</span> },
              {
                key: "population",
                term: t("orgs.population"),
                value: o.population == null ? "" : t("orgs.people", { count: o.population.toLocaleString("ja-JP") }),
              },
              {
                key: "size",
                term: t("orgs.size"),
                value: o.isSmall ? <Badge tone="orange">{t("orgs.small")}</Badge> : t("orgs.notSmall"),
              },
            ]}
          />
          <div className="mt-6">
            <OrgContactCard orgId={o.id} orgName={o.name} />
          </div>
          {(o.kind === "city" || o.kind === "town" || o.kind === "village") && <DigitalStaffSection orgId={o.id} />}
          {me.abilities.manageUsers && (
            <p className="mt-6">
              <Link to={`/users?orgId=${o.id}`} className="link">
                {t("orgs.usersOf", { name: o.name })}
              </Link>
            </p>
          )}
        </>
      )}
    </QueryState>
  );
}
