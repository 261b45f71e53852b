import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import type { RadarBacktest } from "../../../shared/api/insight.js";
import { addDays } from "../../../shared/dates/calendar.js";
import { BarChart } from "../../components/bar-chart.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import { formatDate, jstToday } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";

const useBacktest = (q: { date: string; to?: string }) =>
  useQuery({
    queryKey: ["insight", "radar", "backtest", q.date, q.to ?? ""],
    queryFn: () => api.get<RadarBacktest>("/insight/radar/backtest", q),
  });

/** The radar's backtest: what it would have said on a past day, against the records still behind at the next deadline. */
export function RadarBacktestPage() {
  const { t } = useI18n();
  const [form, setForm] = useState({ date: addDays(jstToday(), -182), to: "" });
  const [asked, setAsked] = useState({ date: form.date, to: "" });
  const query = useBacktest({ date: asked.date, to: asked.to || undefined });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(form);
  };
  return (
    <>
      <PageHeader
        title={t("backtest.title")}
        description={t("backtest.lead")}
        breadcrumbs={[
          { label: t("insight.title"), to: "/insight" },
          { label: t("radar.title"), to: "/insight/radar" },
          { label: t("backtest.title") },
        ]}
      />
      <form onSubmit={submit} className="mb-6 flex flex-wrap items-end gap-4">
        <TextField
          type="date"
          label={t("backtest.date")}
          value={form.date}
          onChange={(e) => setForm((f) => ({ ...f, date: e.target.value }))}
          className="w-56"
        />
        <TextField
          type="date"
          label={t("backtest.to")}
          hint={t("backtest.toHint")}
          value={form.to}
          onChange={(e) => setForm((f) => ({ ...f, to: e.target.value }))}
          className="w-56"
        />
        <Button type="submit" variant="secondary">
          {t("backtest.run")}
        </Button>
      </form>
      <QueryState query={query}>{(data) => <Result data={data} />}</QueryState>
    </>
  );
}

function Result({ data }: { data: RadarBacktest }) {
  const { t, locale } = useI18n();
  const { summary: s } = data;
  const caption = t("backtest.table", { date: formatDate(data.date, locale), to: formatDate(data.to, locale) });
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="backtest-summary" className="flex flex-col gap-2">
        <h2 id="backtest-summary" className="text-std-20B-150">
          {t("backtest.summary")}
        </h2>
        <p>{t(`backtest.toReason.${data.toReason}`, { date: formatDate(data.date, locale), to: formatDate(data.to, locale) })}</p>
        <ul className="list-disc pl-6">
          <li>{t("backtest.top", { n: s.topN, behind: s.topBehind })}</li>
          <li>{t("backtest.rest", { n: s.restN, behind: s.restBehind })}</li>
          <li>
            {s.correlation == null ? t("backtest.noCorrelation") : t("backtest.correlation", { r: s.correlation.toFixed(2) })}
          </li>
        </ul>
        <p className="text-dns-14N-130 text-solid-gray-700">{t("backtest.caveat")}</p>
      </section>
      <section aria-labelledby="backtest-chart" className="flex flex-col gap-3">
        <h2 id="backtest-chart" className="text-std-20B-150">
          {t("backtest.chart")}
        </h2>
        <BarChart
          label={t("backtest.chart")}
          horizontal
          categories={data.rows.map((r) => `${r.rank}. ${r.orgName}`)}
          series={[
            { name: t("backtest.behindThen"), values: data.rows.map((r) => r.behindThen) },
            { name: t("backtest.behindAfter"), values: data.rows.map((r) => r.behindAfter) },
          ]}
          table={
            <DataTable
              caption={caption}
              rows={data.rows}
              rowKey={(r) => r.orgId}
              empty="—"
              columns={[
                { key: "rank", header: t("radar.rank"), cell: (r) => r.rank, numeric: true },
                {
                  key: "org",
                  header: t("radar.org"),
                  cell: (r) => (
                    <Link to={`/progress/orgs/${r.orgId}?asOf=${data.date}`} className="link">
                      {r.orgName}
                    </Link>
                  ),
                },
                { key: "score", header: t("backtest.score"), cell: (r) => r.score, numeric: true },
                { key: "then", header: t("backtest.behindThen"), cell: (r) => r.behindThen, numeric: true },
                { key: "after", header: t("backtest.behindAfter"), cell: (r) => r.behindAfter, numeric: true },
              ]}
            />
          }
        />
      </section>
    </div>
  );
}
