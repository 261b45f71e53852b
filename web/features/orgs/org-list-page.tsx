import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { orgKindLabels, orgKinds } from "../../../shared/api/orgs.js";
import { useMe } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { Button, ButtonLink } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import type { Org } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { type OrgFilter, useOrgs } from "./api.js";

export function OrgListPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter: OrgFilter = {
    kind: params.get("kind") ?? undefined,
    small: params.get("small") === "true" ? "true" : undefined,
    q: params.get("q") ?? undefined,
  };
  const [draft, setDraft] = useState({ kind: filter.kind ?? "", small: filter.small === "true", q: filter.q ?? "" });
  const orgs = useOrgs(filter);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.kind) next.set("kind", draft.kind);
    if (draft.small) next.set("small", "true");
    if (draft.q.trim()) next.set("q", draft.q.trim());
    setParams(next);
  };
  const clear = () => {
    setDraft({ kind: "", small: false, q: "" });
    setParams(new URLSearchParams());
  };

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
      <search aria-label={t("orgs.filter")} className="mb-6 block rounded-12 bg-solid-gray-50 p-4">
        <form onSubmit={apply} className="grid grid-cols-1 items-end gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField
            label={t("orgs.kind")}
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value })}
            options={[
              { value: "", label: t("form.all") },
              ...orgKinds.map((k) => ({ value: k, label: label(orgKindLabels, k) })),
            ]}
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
            checked={draft.small}
            onChange={(e) => setDraft({ ...draft, small: e.target.checked })}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit">{t("action.search")}</Button>
            <Button variant="text" onClick={clear}>
              {t("action.clear")}
            </Button>
          </div>
        </form>
      </search>
      <QueryState query={orgs}>
        {(data) => (
          <DataTable<Org>
            caption={t("orgs.count", { count: data.items.length })}
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
        )}
      </QueryState>
    </>
  );
}
