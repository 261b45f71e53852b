import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import {
  consultationCategories,
  consultationCategoryLabels,
  consultationStatuses,
  consultationStatusLabels,
  dueFilters,
  slaStateLabels,
  urgencyLabels,
} from "../../../shared/api/consultations.js";
import { PAGE_MAX } from "../../../shared/api/paging.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { useMe } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { ButtonLink, buttonClass } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import type { ListOf, Org } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { exportUrl, type Queue, type QueueQuery, useQueue, useStaff } from "./api.js";
import { SlaBadge } from "./sla-badge.js";

const limit = 50;
const keys = ["status", "category", "orgId", "assigneeId", "due", "q", "sort"] as const;
const staffRoles = ["admin", "secretariat", "specialist"];

/** The desk queue (staff) or the organisation's own consultations (municipal users); filters live in the URL. */
export function QueuePage() {
  const { t, label } = useI18n();
  const me = useMe();
  const staff = staffRoles.includes(me.user.role);
  const [params, setParams] = useSearchParams();
  const offset = Number(params.get("offset") ?? 0);
  const query: QueueQuery = { limit, offset, sort: "due" };
  for (const k of keys) if (params.get(k)) (query as Record<string, string>)[k] = params.get(k)!;
  // Staff start on the open queue; "all" (kept in the URL) shows every status.
  if (staff && !params.has("status")) query.status = "open";
  if (query.status === "all") delete query.status;
  // Narrowed beyond the page's starting view (staff: open items; others: everything).
  const filtered =
    keys.some((k) => k !== "sort" && k !== "status" && params.get(k)) ||
    (params.has("status") && params.get("status") !== (staff ? "open" : "all"));
  const queue = useQueue(query);
  const orgs = useQuery({
    queryKey: ["orgs", "list"],
    queryFn: () => api.get<ListOf<Org>>("/orgs", { limit: PAGE_MAX }),
    enabled: staff,
  });
  const people = useStaff(staff);
  const [q, setQ] = useState(params.get("q") ?? "");

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete("offset");
    setParams(next);
  };
  const opt = (value: string, text: string) => ({ value, label: text });
  const columns = [
    {
      key: "date",
      header: t("desk.filedOn"),
      // Compact in the table (the detail page shows 和暦): 2026/11/24.
      cell: (r: Queue["items"][number]) => jstDate(new Date(r.createdAt)).replaceAll("-", "/"),
      className: "whitespace-nowrap",
    },
    {
      key: "subject",
      header: t("desk.subject"),
      cell: (r: Queue["items"][number]) => (
        <span className="flex flex-col gap-1">
          <Link to={`/consultations/${r.id}`} className="link">
            {r.subject}
          </Link>
          <span className="flex flex-wrap gap-1">
            <Badge>{label(consultationCategoryLabels, r.category)}</Badge>
            {r.urgency === "high" && <Badge tone="red">{label(urgencyLabels, "high")}</Badge>}
          </span>
        </span>
      ),
    },
    ...(staff
      ? [
          {
            key: "org",
            header: t("desk.org"),
            cell: (r: Queue["items"][number]) => (
              <span className="flex flex-col gap-1">
                {r.org.name}
                {r.org.isSmall && <Badge tone="orange">{t("desk.small")}</Badge>}
              </span>
            ),
          },
        ]
      : []),
    {
      key: "status",
      header: t("desk.status"),
      cell: (r: Queue["items"][number]) => label(consultationStatusLabels, r.status),
      className: "min-w-24",
    },
    {
      key: "assignee",
      header: t("desk.assignee"),
      cell: (r: Queue["items"][number]) => r.assignee?.name ?? t("desk.unassigned"),
      className: "min-w-28",
    },
    {
      key: "first",
      header: t("desk.firstResponse"),
      cell: (r: Queue["items"][number]) => <SlaBadge sla={r.firstResponse} compact />,
    },
    {
      key: "resolution",
      header: t("desk.resolution"),
      cell: (r: Queue["items"][number]) => <SlaBadge sla={r.resolution} compact />,
    },
  ];

  return (
    <>
      <PageHeader
        title={staff ? t("desk.title") : t("desk.titleOwn")}
        description={staff ? t("desk.lead") : t("desk.leadOwn")}
        actions={
          <>
            {queue.data?.abilities.canFile && (
              <ButtonLink to="/consultations/new" variant="primary">
                {t("desk.new")}
              </ButtonLink>
            )}
            {queue.data?.abilities.canReport && <ButtonLink to="/consultations/reports">{t("desk.reports")}</ButtonLink>}
            {queue.data?.abilities.canWorkDesk && <ButtonLink to="/consultations/templates">{t("desk.templates")}</ButtonLink>}
          </>
        }
      />
      <section aria-labelledby="desk-filters" className="mb-6 rounded-8 border border-solid-gray-300 bg-solid-gray-50 p-4">
        <h2 id="desk-filters" className="mb-3 text-std-18B-160">
          {t("desk.filters")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <SelectField
            label={t("desk.status")}
            value={params.get("status") ?? (staff ? "open" : "all")}
            onChange={(e) => set("status", e.target.value)}
            options={[
              opt("all", t("form.all")),
              opt("open", t("desk.statusOpen")),
              ...consultationStatuses.map((s) => opt(s, label(consultationStatusLabels, s))),
            ]}
          />
          <SelectField
            label={t("desk.category")}
            value={params.get("category") ?? ""}
            onChange={(e) => set("category", e.target.value)}
            options={[opt("", t("form.all")), ...consultationCategories.map((c) => opt(c, label(consultationCategoryLabels, c)))]}
          />
          {staff && (
            <SelectField
              label={t("desk.org")}
              value={params.get("orgId") ?? ""}
              onChange={(e) => set("orgId", e.target.value)}
              options={[
                opt("", t("form.all")),
                ...(orgs.data?.items ?? [])
                  .filter((o) => o.kind !== "prefecture" && o.kind !== "other")
                  .map((o) => opt(o.id, o.name)),
              ]}
            />
          )}
          {staff && (
            <SelectField
              label={t("desk.assignee")}
              value={params.get("assigneeId") ?? ""}
              onChange={(e) => set("assigneeId", e.target.value)}
              options={[
                opt("", t("form.all")),
                opt("me", t("desk.assigneeMe")),
                opt("none", t("desk.assigneeNone")),
                ...(people.data?.items ?? []).map((p) => opt(p.id, p.name)),
              ]}
            />
          )}
          <SelectField
            label={t("desk.due")}
            value={params.get("due") ?? ""}
            onChange={(e) => set("due", e.target.value)}
            options={[opt("", t("form.all")), ...dueFilters.map((d) => opt(d, label(slaStateLabels, d)))]}
          />
          <SelectField
            label={t("desk.sort")}
            value={params.get("sort") ?? "due"}
            onChange={(e) => set("sort", e.target.value)}
            options={[
              opt("due", t("desk.sortDue")),
              opt("newest", t("desk.sortNewest")),
              opt("activity", t("desk.sortActivity")),
            ]}
          />
        </div>
        <form
          className="mt-4 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            set("q", q.trim());
          }}
        >
          <TextField label={t("desk.keyword")} value={q} onChange={(e) => setQ(e.target.value)} className="min-w-64 flex-1" />
          <button type="submit" className={buttonClass("secondary")}>
            {t("action.search")}
          </button>
        </form>
      </section>
      <QueryState query={queue}>
        {(data) => (
          <>
            <DataTable
              caption={t(filtered ? "desk.captionFiltered" : "desk.caption", { total: data.total })}
              columns={columns}
              rows={data.items}
              rowKey={(r) => r.id}
              empty={t("desk.empty")}
            />
            <Pager
              offset={offset}
              limit={limit}
              total={data.total}
              filtered={filtered}
              onChange={(o) => setParams(new URLSearchParams({ ...Object.fromEntries(params), offset: String(o) }))}
            />
            {data.abilities.canExport && (
              <p className="mt-4 flex flex-wrap gap-3">
                <a className={buttonClass("secondary", "sm")} href={exportUrl(query, "csv")} download>
                  {t("desk.export")}
                </a>
                <a className={buttonClass("secondary", "sm")} href={exportUrl(query, "xlsx")} download>
                  {t("desk.exportXlsx")}
                </a>
              </p>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
