import type { Aggregate, CellAggregate } from "../../../shared/api/surveys.js";
import { type QuestionKind, questionKindLabels } from "../../../shared/surveys/definition.js";
import { BarChart } from "../../components/bar-chart.js";
import { DataTable } from "../../components/data-table.js";
import { useI18n } from "../../lib/i18n.js";

const fmt = (n: number | null) => (n == null ? "—" : n.toLocaleString("ja-JP", { maximumFractionDigits: 2 }));

/** One question's aggregate: a chart for choices, numbers and dates, and always the table with the figures. */
export function QuestionResult({ q }: { q: { id: string; title: string; kind: string; aggregate: Aggregate } }) {
  const { t, label } = useI18n();
  const a = q.aggregate;
  return (
    <section aria-labelledby={`result-${q.id}`} className="flex flex-col gap-3 rounded-12 border border-solid-gray-300 p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`result-${q.id}`} className="text-std-18B-160">
          {q.title}
        </h3>
        <p className="text-dns-14N-130 text-solid-gray-700">
          {label(questionKindLabels, q.kind as QuestionKind)}・{t("surveys.nAnswered", { n: a.n })}
        </p>
      </div>
      {a.type === "grid" ? <GridResult a={a} title={q.title} /> : <CellResult a={a} title={q.title} />}
    </section>
  );
}

function CellResult({ a, title }: { a: CellAggregate; title: string }) {
  const { t } = useI18n();
  if (a.type === "choice")
    return (
      <BarChart
        horizontal
        beside
        label={t("surveys.chartOf", { title })}
        categories={a.options.map((o) => o.label)}
        series={[{ name: t("surveys.count"), values: a.options.map((o) => o.count) }]}
        table={
          <div className="flex flex-col gap-2">
            <DataTable
              caption={t("surveys.tableOf", { title })}
              hideCaption
              rows={a.options}
              rowKey={(o) => o.id}
              empty={t("surveys.noData")}
              columns={[
                { key: "label", header: t("surveys.option"), cell: (o) => o.label },
                { key: "count", header: t("surveys.count"), numeric: true, cell: (o) => o.count },
                { key: "pct", header: "%", numeric: true, cell: (o) => `${o.percent}%` },
              ]}
            />
            {a.otherTexts.length > 0 && (
              <details>
                <summary className="cursor-pointer text-dns-16N-130">
                  {t("surveys.otherAnswers", { n: a.otherTexts.length })}
                </summary>
                <ul className="list-disc pl-6">
                  {[...new Set(a.otherTexts)].map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </details>
            )}
          </div>
        }
      />
    );
  if (a.type === "number")
    return (
      <BarChart
        beside
        label={t("surveys.histogramOf", { title })}
        categories={a.bins.map((b) => (b.from === b.to ? fmt(b.from) : `${fmt(b.from)}〜${fmt(b.to)}`))}
        series={[{ name: t("surveys.count"), values: a.bins.map((b) => b.count) }]}
        empty={<p>{t("surveys.noData")}</p>}
        table={
          <DataTable
            caption={t("surveys.tableOf", { title })}
            hideCaption
            rowKey={(r) => r.k}
            empty={t("surveys.noData")}
            rows={[
              { k: "sum", l: t("surveys.sum"), v: a.sum },
              { k: "mean", l: t("surveys.mean"), v: a.mean },
              { k: "min", l: t("surveys.minimum"), v: a.min },
              { k: "max", l: t("surveys.maximum"), v: a.max },
            ]}
            columns={[
              { key: "l", header: t("surveys.statistic"), cell: (r) => r.l },
              {
                key: "v",
                header: a.unit ? `${t("surveys.value")}（${a.unit}）` : t("surveys.value"),
                numeric: true,
                cell: (r) => fmt(r.v),
              },
            ]}
          />
        }
      />
    );
  if (a.type === "date")
    return (
      <BarChart
        beside
        label={t("surveys.byMonthOf", { title })}
        categories={a.byMonth.map((m) => m.month)}
        series={[{ name: t("surveys.count"), values: a.byMonth.map((m) => m.count) }]}
        empty={<p>{t("surveys.noData")}</p>}
        table={
          <DataTable
            caption={t("surveys.tableOf", { title })}
            hideCaption
            rows={a.byMonth}
            rowKey={(m) => m.month}
            empty={t("surveys.noData")}
            columns={[
              { key: "m", header: t("surveys.month"), cell: (m) => m.month },
              { key: "c", header: t("surveys.count"), numeric: true, cell: (m) => m.count },
            ]}
          />
        }
      />
    );
  return a.samples.length ? (
    <ul className="list-disc pl-6 text-dns-16N-130">
      {[...new Set(a.samples)].map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ul>
  ) : (
    <p>{t("surveys.noData")}</p>
  );
}

/** A grid: for each column, rows × options as a stacked bar and a table (numbers: sum and mean per row). */
function GridResult({ a, title }: { a: Extract<Aggregate, { type: "grid" }>; title: string }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-6">
      {a.columns.map((c) => {
        const cells = a.rows.map((r) => ({ row: r, cell: r.cells[c.id]! }));
        const first = cells[0]?.cell;
        const colTitle = `${title}：${c.label}`;
        if (first?.type === "choice") {
          const options = first.options.map((o) => o.label);
          return (
            <div key={c.id} className="flex flex-col gap-3">
              <h4 className="text-std-16B-170">{c.label}</h4>
              <BarChart
                horizontal
                stacked
                label={t("surveys.chartOf", { title: colTitle })}
                categories={a.rows.map((r) => r.label)}
                series={options.map((name, i) => ({
                  name,
                  values: cells.map((x) => (x.cell.type === "choice" ? (x.cell.options[i]?.count ?? 0) : 0)),
                }))}
                table={
                  <DataTable
                    caption={t("surveys.tableOf", { title: colTitle })}
                    hideCaption
                    rows={cells}
                    rowKey={(x) => x.row.id}
                    empty={t("surveys.noData")}
                    columns={[
                      { key: "row", header: t("surveys.gridRow"), cell: (x) => x.row.label },
                      ...options.map((name, i) => ({
                        key: `o${i}`,
                        header: name,
                        numeric: true,
                        cell: (x: (typeof cells)[number]) => (x.cell.type === "choice" ? (x.cell.options[i]?.count ?? 0) : ""),
                      })),
                    ]}
                  />
                }
              />
            </div>
          );
        }
        return (
          <div key={c.id} className="flex flex-col gap-3">
            <h4 className="text-std-16B-170">{c.label}</h4>
            <DataTable
              caption={t("surveys.tableOf", { title: colTitle })}
              hideCaption
              rows={cells}
              rowKey={(x) => x.row.id}
              empty={t("surveys.noData")}
              columns={[
                { key: "row", header: t("surveys.gridRow"), cell: (x) => x.row.label },
                { key: "n", header: t("surveys.count"), numeric: true, cell: (x) => x.cell.n },
                {
                  key: "summary",
                  header: t("surveys.summary"),
                  cell: (x) =>
                    x.cell.type === "number"
                      ? t("surveys.numberSummary", {
                          sum: fmt(x.cell.sum),
                          mean: fmt(x.cell.mean),
                          min: fmt(x.cell.min),
                          max: fmt(x.cell.max),
                        })
                      : x.cell.type === "date"
                        ? x.cell.earliest
                          ? `${x.cell.earliest}〜${x.cell.latest}`
                          : "—"
                        : x.cell.type === "text"
                          ? x.cell.samples.slice(0, 3).join("、")
                          : "",
                },
              ]}
            />
          </div>
        );
      })}
    </div>
  );
}
