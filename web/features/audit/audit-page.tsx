import "./messages.js";
import { useQuery } from "@tanstack/react-query";
import { Navigate } from "react-router";
import { useMe } from "../../app/session.js";
import { buttonClass } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { FilterBar, useUrlFilter } from "../../components/filter-bar.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import { api, toSearch } from "../../lib/api.js";
import type { AuditEntry, ListOf } from "../../lib/api-types.js";
import { formatCompactDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useUsers } from "../users/api.js";

const limit = 50;
const keys = ["event", "subjectType", "from", "to", "actorUserId"] as const;
// Known subject types as suggestions; other modules add their own, so the field stays free text.
const subjectTypes = [
  "user",
  "org",
  "body",
  "meeting",
  "notice",
  "survey",
  "consultation",
  "document",
  "progress_item",
  "settings",
];

function Changes({ value }: { value: unknown }) {
  if (value == null || (typeof value === "object" && Object.keys(value).length === 0)) return <>—</>;
  return (
    <pre className="max-w-md font-mono text-mono-14N-150 whitespace-pre-wrap break-all">{JSON.stringify(value, null, 1)}</pre>
  );
}

export function AuditPage() {
  const { t } = useI18n();
  const me = useMe();
  const { filter, offset, draft, setDraft, apply, clear, page } = useUrlFilter(keys);
  const allowed = !!me.abilities.viewAudit;
  const audit = useQuery({
    queryKey: ["audit", filter, offset],
    queryFn: () => api.get<ListOf<AuditEntry>>("/audit", { ...filter, limit, offset }),
    enabled: allowed,
    placeholderData: (prev) => prev,
  });
  const actors = useUsers({ limit: 500 }, allowed && !!me.abilities.manageUsers);
  if (!allowed) return <Navigate to="/" replace />;

  const exportHref = `/api/audit/export.csv${toSearch(filter)}`;

  return (
    <>
      <PageHeader
        title={t("nav.audit")}
        description={t("audit.lead")}
        actions={
          <a href={exportHref} className={buttonClass("secondary", "md", "no-underline")} download>
            {t("audit.export")}
          </a>
        }
      />
      <FilterBar label={t("audit.filter")} columns={3} onApply={apply} onClear={clear}>
        <TextField
          label={t("audit.event")}
          hint={t("audit.eventHint")}
          value={draft.event}
          onChange={(e) => setDraft({ ...draft, event: e.target.value })}
        />
        <TextField
          label={t("audit.subjectType")}
          hint={t("audit.subjectTypeHint")}
          list="audit-subject-types"
          value={draft.subjectType}
          onChange={(e) => setDraft({ ...draft, subjectType: e.target.value })}
        />
        <datalist id="audit-subject-types">
          {subjectTypes.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <SelectField
          label={t("audit.actor")}
          value={draft.actorUserId}
          onChange={(e) => setDraft({ ...draft, actorUserId: e.target.value })}
          options={[
            { value: "", label: t("form.all") },
            ...(actors.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.org.name}）` })),
          ]}
        />
        <TextField
          label={t("audit.from")}
          type="date"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField
          label={t("audit.to")}
          type="date"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
      </FilterBar>
      <QueryState query={audit}>
        {(data) => (
          <>
            <DataTable<AuditEntry>
              caption={t("audit.count", { count: data.total ?? data.items.length })}
              rows={data.items}
              rowKey={(a) => a.id}
              empty={t("audit.empty")}
              columns={[
                { key: "at", header: t("audit.at"), cell: (a) => formatCompactDateTime(a.at), className: "whitespace-nowrap" },
                {
                  key: "actor",
                  header: t("audit.actor"),
                  cell: (a) => (
                    <>
                      {a.actor?.name ?? t("audit.system")}
                      {a.orgName && <span className="block text-dns-14N-130 text-solid-gray-700">{a.orgName}</span>}
                    </>
                  ),
                },
                { key: "event", header: t("audit.event"), cell: (a) => <code className="font-mono">{a.event}</code> },
                {
                  key: "subject",
                  header: t("audit.subject"),
                  cell: (a) => (
                    <>
                      {a.subjectType}
                      {a.subjectId && <span className="block font-mono text-mono-14N-150 break-all">{a.subjectId}</span>}
                    </>
                  ),
                },
                { key: "changes", header: t("audit.changes"), cell: (a) => <Changes value={a.changes} /> },
                { key: "ip", header: t("audit.ip"), cell: (a) => a.ip ?? "—" },
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
