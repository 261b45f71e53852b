import { useState } from "react";
import { roleLabels } from "../../../shared/api/users.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { DataTable } from "../../components/data-table.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDate, formatMonth } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useTimeTotals, useWorkload, type Workload } from "./api.js";

type Row = Workload["items"][number];

/** How much each specialist carries: engagements, sessions, next steps and consultations. */
export function WorkloadPage() {
  const { t, label, locale } = useI18n();
  const w = useWorkload();
  const [month, setMonth] = useState(jstDate().slice(0, 7));
  const time = useTimeTotals(month);
  return (
    <>
      <PageHeader
        title={t("support.workload")}
        breadcrumbs={[{ label: t("support.title"), to: "/support" }, { label: t("support.workload") }]}
      />
      <QueryState query={w}>
        {(data) => (
          <DataTable
            caption={t("support.w.caption", { date: formatDate(data.asOf, locale) })}
            rows={data.items}
            rowKey={(r) => r.user.id}
            empty={t("support.empty")}
            columns={[
              {
                key: "n",
                header: t("support.w.name"),
                cell: (r: Row) => `${r.user.name}（${label(roleLabels, r.user.role as keyof typeof roleLabels)}）`,
              },
              { key: "a", header: t("support.w.active"), numeric: true, cell: (r: Row) => r.activeEngagements },
              { key: "s", header: t("support.w.sessions"), numeric: true, cell: (r: Row) => r.sessionsLast30Days },
              { key: "o", header: t("support.w.openSteps"), numeric: true, cell: (r: Row) => r.openSteps },
              { key: "d", header: t("support.w.overdue"), numeric: true, cell: (r: Row) => r.overdueSteps },
              { key: "c", header: t("support.w.consultations"), numeric: true, cell: (r: Row) => r.openConsultations },
            ]}
          />
        )}
      </QueryState>
      <section aria-labelledby="time-title" className="mt-6 flex flex-col gap-3">
        <h2 id="time-title" className="text-std-20B-150">
          {t("support.time.title", { month: formatMonth(month, locale) })}
        </h2>
        <TextField
          label={t("support.time.month")}
          type="month"
          className="max-w-xs"
          value={month}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
        />
        <QueryState query={time}>
          {(data) => (
            <div className="grid gap-4 md:grid-cols-2">
              <DataTable
                caption={t("support.time.bySpecialist")}
                rows={data.bySpecialist}
                rowKey={(r) => r.userId}
                empty={t("support.time.none")}
                columns={[
                  { key: "n", header: t("support.w.name"), cell: (r) => r.name },
                  { key: "m", header: t("support.time.minutes"), numeric: true, cell: (r) => r.minutes },
                ]}
              />
              <DataTable
                caption={t("support.time.byOrg")}
                rows={data.byOrg}
                rowKey={(r) => r.orgId}
                empty={t("support.time.none")}
                columns={[
                  { key: "n", header: t("support.time.org"), cell: (r) => r.name },
                  { key: "m", header: t("support.time.minutes"), numeric: true, cell: (r) => r.minutes },
                ]}
              />
            </div>
          )}
        </QueryState>
      </section>
    </>
  );
}
