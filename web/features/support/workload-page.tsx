import { roleLabels } from "../../../shared/api/users.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useWorkload, type Workload } from "./api.js";

type Row = Workload["items"][number];

/** How much each specialist carries: engagements, sessions, next steps and consultations. */
export function WorkloadPage() {
  const { t, label, locale } = useI18n();
  const w = useWorkload();
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
    </>
  );
}
