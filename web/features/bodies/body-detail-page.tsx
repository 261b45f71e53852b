import { useParams } from "react-router";
import { bodyKindLabels, positionLabels } from "../../../shared/api/bodies.js";
import { Badge } from "../../components/badge.js";
import { ButtonLink } from "../../components/button.js";
import { DescriptionList } from "../../components/description-list.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useI18n } from "../../lib/i18n.js";
import { AddMemberForm } from "./add-member-form.js";
import { bodyName, useBodies, useBody } from "./api.js";
import { BodySpaceSections } from "./body-space.js";
import { MemberTable } from "./member-table.js";

export function BodyDetailPage() {
  const { t, label, locale } = useI18n();
  const { id = "" } = useParams();
  const body = useBody(id);
  const all = useBodies();
  return (
    <QueryState query={body}>
      {(b) => {
        const parent = all.data?.items.find((p) => p.id === b.parentId);
        const name = bodyName(b, locale);
        return (
          <>
            <PageHeader
              title={name}
              breadcrumbs={[
                { label: t("bodies.title"), to: "/bodies" },
                ...(parent ? [{ label: bodyName(parent, locale), to: `/bodies/${parent.id}` }] : []),
                { label: name },
              ]}
              actions={
                b.abilities.canEdit && (
                  <ButtonLink to={`/bodies/${b.id}/edit`} variant="primary">
                    {t("action.edit")}
                  </ButtonLink>
                )
              }
            />
            <DescriptionList
              items={[
                { key: "kind", term: t("bodies.kind"), value: label(bodyKindLabels, b.kind) },
                { key: "theme", term: t("bodies.theme"), value: b.theme },
                {
                  key: "visibility",
                  term: t("bodies.visibility"),
                  value: b.visibility === "members" ? t("bodies.membersOnlyLong") : t("bodies.openLong"),
                },
                { key: "parent", term: t("bodies.parent"), value: parent ? bodyName(parent, locale) : "" },
                {
                  key: "mine",
                  term: t("bodies.myPosition"),
                  value: b.myPosition ? <Badge tone="green">{label(positionLabels, b.myPosition)}</Badge> : t("bodies.notMember"),
                },
                {
                  key: "description",
                  term: t("bodies.description"),
                  value: b.description && <span className="whitespace-pre-wrap">{b.description}</span>,
                },
              ]}
            />
            <section aria-labelledby="members-heading" className="mt-8 flex flex-col gap-4">
              <h2 id="members-heading" className="text-std-24B-150">
                {t("bodies.members", { count: b.members.length })}
              </h2>
              <MemberTable body={b} />
              {b.abilities.canManageMembers && <AddMemberForm body={b} />}
            </section>
            <BodySpaceSections body={b} />
          </>
        );
      }}
    </QueryState>
  );
}
