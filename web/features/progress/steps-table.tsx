import { stepStatusLabels } from "../../../shared/api/progress.js";
import { DataTable } from "../../components/data-table.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import type { ProgressRecord } from "./api.js";

/** The record read-only: each step with its status and dates, or each fiscal year's figures. */
export function StepsTable({ record }: { record: ProgressRecord }) {
  const { t, label, locale } = useI18n();
  const names = new Map(record.item.steps.map((s) => [s.id, s.name]));
  const metricNames = new Map(record.item.metrics.map((m) => [m.id, `${m.name}（${m.unit}）`]));
  if (record.item.tracking === "metrics")
    return (
      <DataTable
        caption={t("progress.metric")}
        columns={[
          { key: "fy", header: t("progress.fiscalYear"), cell: (m) => t("progress.fyLabel", { fy: m.fiscalYear }) },
          { key: "name", header: t("progress.metric"), cell: (m) => metricNames.get(m.metricId) ?? "" },
          { key: "v", header: t("progress.value"), cell: (m) => m.value ?? "—", numeric: true },
          { key: "t", header: t("progress.target"), cell: (m) => m.target ?? "—", numeric: true },
        ]}
        rows={record.metrics}
        rowKey={(m) => `${m.metricId}:${m.fiscalYear}`}
        empty={t("state.none")}
      />
    );
  return (
    <DataTable
      caption={t("progress.steps")}
      columns={[
        { key: "name", header: t("progress.step"), cell: (s) => names.get(s.stepId) ?? "" },
        { key: "status", header: t("progress.status"), cell: (s) => label(stepStatusLabels, s.status) },
        { key: "planned", header: t("progress.plannedDate"), cell: (s) => formatDate(s.plannedDate, locale) },
        { key: "actual", header: t("progress.actualDate"), cell: (s) => formatDate(s.actualDate, locale) },
        { key: "option", header: t("progress.option"), cell: (s) => s.option ?? "" },
      ]}
      rows={record.steps}
      rowKey={(s) => s.stepId}
      empty={t("state.none")}
    />
  );
}
