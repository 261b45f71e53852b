import { useMemo, useState } from "react";
import {
  consultationCategories,
  consultationCategoryLabels,
  consultationChannelLabels,
  consultationChannels,
} from "../../../shared/api/consultations.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { Badge } from "../../components/badge.js";
import { BarChart } from "../../components/bar-chart.js";
import { Button, buttonClass } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatMonth } from "../../lib/dates.js";
import { type Labels, useI18n } from "../../lib/i18n.js";
import { type ConsultationReport, reportExportUrl, useReport } from "./api.js";

type Stats = ConsultationReport["totals"]["firstResponse"];

function Rate({ s }: { s: Stats }) {
  const { t } = useI18n();
  if (!s.count) return <>—</>;
  return <>{t("desk.report.rate", { met: s.met, count: s.count, pct: Math.round((s.met / s.count) * 100) })}</>;
}

type MonthRow = { month: string; counts: Record<string, number>; total?: number };

/** One table of counts per month, one column per key (category or channel), with an optional total. */
function MonthCounts<K extends string>(p: {
  caption: string;
  rows: MonthRow[];
  keys: readonly K[];
  labels: Labels<K>;
  withTotal?: boolean;
}) {
  const { t, label, locale } = useI18n();
  return (
    <DataTable
      caption={p.caption}
      hideCaption
      rowKey={(m) => m.month}
      rows={p.rows}
      empty={t("desk.empty")}
      columns={[
        { key: "m", header: t("desk.report.month"), cell: (m) => formatMonth(m.month, locale), className: "whitespace-nowrap" },
        ...p.keys.map((k) => ({ key: k, header: label(p.labels, k), numeric: true, cell: (m: MonthRow) => m.counts[k] ?? 0 })),
        ...(p.withTotal
          ? [{ key: "total", header: t("desk.report.total"), numeric: true, cell: (m: MonthRow) => m.total ?? 0 }]
          : []),
      ]}
    />
  );
}

function Charts({ r }: { r: ConsultationReport }) {
  const { t, label, locale } = useI18n();
  const monthSeries = useMemo(
    () =>
      consultationCategories.map((c) => ({
        name: label(consultationCategoryLabels, c),
        values: r.byMonthCategory.map((m) => m.counts[c] ?? 0),
      })),
    [r, label],
  );
  const orgSeries = useMemo(() => [{ name: t("desk.report.total"), values: r.byOrg.map((o) => o.total) }], [r, t]);
  const orgNames = useMemo(() => r.byOrg.map((o) => (o.isSmall ? `${o.name}＊` : o.name)), [r]);
  return (
    <>
      <section aria-labelledby="r-month" className="flex flex-col gap-3">
        <h2 id="r-month" className="text-std-20B-150">
          {t("desk.report.byMonth")}
        </h2>
        <BarChart
          categories={r.months.map((m) => formatMonth(m, locale, { western: false }))}
          series={monthSeries}
          stacked
          label={t("desk.report.chartMonth")}
          table={
            <MonthCounts
              caption={t("desk.report.byMonth")}
              rows={r.byMonthCategory}
              keys={consultationCategories}
              labels={consultationCategoryLabels}
              withTotal
            />
          }
        />
      </section>
      <section aria-labelledby="r-org" className="flex flex-col gap-3">
        <h2 id="r-org" className="text-std-20B-150">
          {t("desk.report.byOrg")}
        </h2>
        <p>
          {t("desk.report.smallShare", { pct: Math.round(r.totals.smallOrgShare * 100) })}（＊＝{t("desk.small")}）
        </p>
        <BarChart
          categories={orgNames}
          series={orgSeries}
          horizontal
          label={t("desk.report.chartOrg")}
          table={
            <DataTable
              caption={t("desk.report.byOrg")}
              hideCaption
              rowKey={(o) => o.orgId}
              rows={r.byOrg}
              empty={t("desk.empty")}
              columns={[
                {
                  key: "n",
                  header: t("desk.org"),
                  cell: (o) => (
                    <span className="flex flex-wrap gap-1">
                      {o.name}
                      {o.isSmall && <Badge tone="orange">{t("desk.small")}</Badge>}
                    </span>
                  ),
                },
                { key: "t", header: t("desk.report.total"), numeric: true, cell: (o) => o.total },
                { key: "o", header: t("desk.report.open"), numeric: true, cell: (o) => o.open },
                { key: "fa", header: t("desk.report.avgFirst"), numeric: true, cell: (o) => o.firstResponse.avgDays ?? "—" },
                { key: "fm", header: t("desk.report.metFirst"), cell: (o) => <Rate s={o.firstResponse} /> },
                { key: "ra", header: t("desk.report.avgResolve"), numeric: true, cell: (o) => o.resolution.avgDays ?? "—" },
                { key: "rm", header: t("desk.report.metResolve"), cell: (o) => <Rate s={o.resolution} /> },
              ]}
            />
          }
        />
      </section>
      <section aria-labelledby="r-sla" className="flex flex-col gap-3">
        <h2 id="r-sla" className="text-std-20B-150">
          {t("desk.report.sla")}
        </h2>
        <DataTable
          caption={t("desk.report.sla")}
          hideCaption
          rowKey={(m) => m.month}
          rows={r.byMonthSla}
          empty={t("desk.empty")}
          columns={[
            {
              key: "m",
              header: t("desk.report.month"),
              cell: (m) => formatMonth(m.month, locale),
              className: "whitespace-nowrap",
            },
            { key: "f", header: t("desk.report.metFirst"), cell: (m) => <Rate s={m.firstResponse} /> },
            { key: "fa", header: t("desk.report.avgFirst"), numeric: true, cell: (m) => m.firstResponse.avgDays ?? "—" },
            { key: "r", header: t("desk.report.metResolve"), cell: (m) => <Rate s={m.resolution} /> },
            { key: "ra", header: t("desk.report.avgResolve"), numeric: true, cell: (m) => m.resolution.avgDays ?? "—" },
          ]}
        />
      </section>
      <section aria-labelledby="r-channel" className="flex flex-col gap-3">
        <h2 id="r-channel" className="text-std-20B-150">
          {t("desk.report.byChannel")}
        </h2>
        <MonthCounts
          caption={t("desk.report.byChannel")}
          rows={r.byMonthChannel}
          keys={consultationChannels}
          labels={consultationChannelLabels}
        />
      </section>
    </>
  );
}

const monthsBack = (n: number) => {
  const d = new Date(`${jstDate()}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};

/** Monthly figures for the secretariat: counts, response and resolution times, targets met; charts with tables. */
export function ReportsPage() {
  const { t } = useI18n();
  const [range, setRange] = useState({ from: monthsBack(11), to: monthsBack(0) });
  const [draft, setDraft] = useState(range);
  const report = useReport(range.from, range.to);
  return (
    <>
      <PageHeader
        title={t("desk.report.title")}
        description={t("desk.report.lead")}
        breadcrumbs={[{ label: t("desk.title"), to: "/consultations" }, { label: t("desk.report.title") }]}
      />
      <form
        className="mb-6 flex flex-wrap items-end gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          setRange(draft);
        }}
      >
        <TextField
          label={t("desk.report.from")}
          type="month"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField
          label={t("desk.report.to")}
          type="month"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <Button type="submit" variant="secondary">
          {t("desk.report.show")}
        </Button>
        <a className={buttonClass("secondary", "sm")} href={reportExportUrl(range.from, range.to, "csv")} download>
          {t("desk.export")}
        </a>
        <a className={buttonClass("secondary", "sm")} href={reportExportUrl(range.from, range.to, "xlsx")} download>
          {t("desk.exportXlsx")}
        </a>
      </form>
      <QueryState query={report}>
        {(r) => (
          <div className="flex flex-col gap-8">
            <Charts r={r} />
          </div>
        )}
      </QueryState>
    </>
  );
}
