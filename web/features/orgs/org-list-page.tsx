import { Link } from "react-router";
import { orgKindLabels, orgKinds } from "../../../shared/api/orgs.js";
import { useMe } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { ButtonLink } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { FilterBar, useUrlFilter } from "../../components/filter-bar.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import type { Org } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useOrgPage } from "./api.js";

const keys = ["kind", "small", "q"] as const;
const limit = 50;

export function OrgListPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const { filter, offset, draft, setDraft, apply, clear, page } = useUrlFilter(keys);
  const orgs = useOrgPage(
    { kind: filter.kind || undefined, small: filter.small === "true" ? "true" : undefined, q: filter.q || undefined },
    offset,
    limit,
  );

  return (
    <>
      <PageHeader
        title={t("orgs.title")}
        description={t("orgs.lead")}
        actions={
          me.abilities.manageOrgs && (
            <>
              <ButtonLink to="/orgs/new" variant="primary">
                {t("orgs.create")}
              </ButtonLink>
              <ButtonLink to="/orgs/import">{t("nav.orgImport")}</ButtonLink>
            </>
          )
        }
      />
      <FilterBar label={t("orgs.filter")} columns={4} onApply={apply} onClear={clear}>
        <SelectField
          label={t("orgs.kind")}
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value })}
          options={[{ value: "", label: t("form.all") }, ...orgKinds.map((k) => ({ value: k, label: label(orgKindLabels, k) }))]}
        />
        <TextField
          label={t("orgs.keyword")}
          hint={t("orgs.keywordHint")}
          type="search"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <CheckboxField
          label={t("orgs.smallOnly")}
          checked={draft.small === "true"}
          onChange={(e) => setDraft({ ...draft, small: e.target.checked ? "true" : "" })}
        />
      </FilterBar>
      <QueryState query={orgs}>
        {(data) => (
          <>
            <DataTable<Org>
              caption={t("orgs.count", { count: data.total ?? data.items.length })}
              rows={data.items}
              rowKey={(o) => o.id}
              empty={t("orgs.empty")}
              columns={[
                { key: "code", header: t("orgs.lgCode"), cell: (o) => o.lgCode ?? "—", className: "tabular-nums" },
                { key: "kind", header: t("orgs.kind"), cell: (o) => label(orgKindLabels, o.kind) },
                {
                  key: "name",
                  header: t("orgs.name"),
                  cell: (o) => (
                    <Link to={`/orgs/${o.id}`} className="link">
                      {o.name}
                    </Link>
                  ),
                },
                { key: "kana", header: t("orgs.kana"), cell: (o) => o.kana },
                {
                  key: "population",
                  header: t("orgs.population"),
                  numeric: true,
                  cell: (o) => (o.population == null ? "—" : o.population.toLocaleString("ja-JP")),
                },
                {
                  key: "small",
                  header: t("orgs.size"),
                  cell: (o) => (o.isSmall ? <Badge tone="orange">{t("orgs.small")}</Badge> : ""),
                },
              ]}
            />
            <Pager
              offset={offset}
              limit={limit}
              total={data.total ?? data.items.length}
              onChange={page}
              filtered={Object.values(filter).some(Boolean)}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
