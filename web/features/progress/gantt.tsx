import type { ReactNode } from "react";
import { stepStatusLabels } from "../../../shared/api/progress.js";
import type { TimelineStep } from "../../../shared/api/progress-views.js";
import { DataTable } from "../../components/data-table.js";
import { formatDate, jstToday } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";

export interface GanttRow {
  key: string;
  /** The row's name as text (the chart's label) and as shown in the table (e.g. a link). */
  name: string;
  label?: ReactNode;
  deadline: string | null;
  steps: TimelineStep[];
}

const DAY = 86_400_000;
const toDay = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`) / DAY;
const LABEL_W = 180;
const CHART_W = 720;
const ROW_H = 26;
const AXIS_H = 22;

/** The months the chart spans: from the first month any date falls in to the month after the last. */
function monthsSpanning(dates: string[]): string[] {
  const sorted = [...dates].sort();
  let y = Number(sorted[0]!.slice(0, 4));
  let m = Number(sorted[0]!.slice(5, 7));
  const last = sorted[sorted.length - 1]!.slice(0, 7);
  const out: string[] = [];
  for (;;) {
    const ym = `${y}-${String(m).padStart(2, "0")}`;
    out.push(ym);
    if (ym > last) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** Late: done after its planned date, or still open with the planned date passed. */
function isLate(step: TimelineStep, today: string) {
  if (!step.plannedDate || step.status === "not_applicable") return false;
  if (step.actualDate) return step.actualDate > step.plannedDate;
  return step.status !== "done" && step.plannedDate < today;
}

/**
 * A timeline (線表): one line per row, each step's planned date (hollow diamond) and actual date (filled
 * circle) joined by a line, red when late; the row's national deadline as a red tick and today as a
 * dashed line. Drawn as SVG (no inline styles, so the Content-Security-Policy holds) and followed by the
 * same dates as a table, for screen readers, exact dates and printing.
 */
export function Gantt({ rows, caption, rowHeader }: { rows: GanttRow[]; caption: string; rowHeader: string }) {
  const { t, label, locale } = useI18n();
  const today = jstToday();
  const dates = rows.flatMap((r) => [
    ...(r.deadline ? [r.deadline] : []),
    ...r.steps.flatMap((s) => [s.plannedDate, s.actualDate].filter((d): d is string => !!d)),
  ]);
  const table = (
    <DataTable
      caption={caption}
      columns={[
        { key: "row", header: rowHeader, cell: (r) => r.label },
        { key: "step", header: t("progress.step"), cell: (r) => r.step.name },
        { key: "status", header: t("progress.status"), cell: (r) => label(stepStatusLabels, r.step.status) },
        { key: "planned", header: t("progress.plannedDate"), cell: (r) => formatDate(r.step.plannedDate, locale) },
        {
          key: "actual",
          header: t("progress.actualDate"),
          cell: (r) => (
            <>
              {formatDate(r.step.actualDate, locale)}
              {isLate(r.step, today) && <span className="ml-2 text-error-2">{t("timeline.late")}</span>}
            </>
          ),
        },
        { key: "deadline", header: t("timeline.deadline"), cell: (r) => (r.first ? formatDate(r.deadline, locale) : "") },
      ]}
      rows={rows.flatMap((r) =>
        r.steps.map((step, i) => ({
          key: `${r.key}:${i}`,
          label: i === 0 ? (r.label ?? r.name) : "",
          first: i === 0,
          step,
          deadline: r.deadline,
        })),
      )}
      rowKey={(r) => r.key}
      empty={t("timeline.none")}
    />
  );
  if (!dates.length) return table;

  const months = monthsSpanning([...dates, today]);
  const start = toDay(`${months[0]}-01`);
  const end = toDay(`${months[months.length - 1]}-01`);
  const x = (ymd: string) => LABEL_W + ((toDay(ymd) - start) / (end - start)) * CHART_W;
  const height = AXIS_H + rows.length * ROW_H + 4;
  const every = Math.ceil(months.length / 12);
  const late = rows.reduce((n, r) => n + r.steps.filter((s) => isLate(s, today)).length, 0);

  return (
    <div className="flex flex-col gap-4">
      <div className="overflow-x-auto">
        <svg
          role="img"
          aria-label={t("timeline.chartLabel", { rows: rows.length, late })}
          viewBox={`0 0 ${LABEL_W + CHART_W + 8} ${height}`}
          className="h-auto w-full min-w-[640px] text-solid-gray-900"
        >
          {months.map((ym, i) => (
            <g key={ym}>
              <line x1={x(`${ym}-01`)} x2={x(`${ym}-01`)} y1={AXIS_H - 4} y2={height} stroke="#b3b3b3" strokeWidth="0.5" />
              {i % every === 0 && i < months.length - 1 && (
                <text x={x(`${ym}-01`) + 2} y={14} fontSize="10" fill="currentColor">
                  {`${ym.slice(0, 4)}/${Number(ym.slice(5, 7))}`}
                </text>
              )}
            </g>
          ))}
          <line x1={x(today)} x2={x(today)} y1={AXIS_H - 4} y2={height} stroke="#0031d8" strokeDasharray="3 2" />
          {rows.map((r, ri) => {
            const y = AXIS_H + ri * ROW_H + ROW_H / 2;
            return (
              <g key={r.key}>
                <text x={4} y={y + 4} fontSize="11" fill="currentColor">
                  {r.name.length > 14 ? `${r.name.slice(0, 13)}…` : r.name}
                </text>
                <line x1={LABEL_W} x2={LABEL_W + CHART_W} y1={y} y2={y} stroke="#d9d9d9" strokeWidth="0.5" />
                {r.deadline && (
                  <line x1={x(r.deadline)} x2={x(r.deadline)} y1={y - 10} y2={y + 10} stroke="#ce0000" strokeWidth="2">
                    <title>{`${t("timeline.deadline")} ${formatDate(r.deadline, locale)}`}</title>
                  </line>
                )}
                {r.steps.map((s) => {
                  const colour = isLate(s, today) ? "#ce0000" : "#1a1a1a";
                  const title = `${s.name}: ${t("progress.plannedDate")} ${formatDate(s.plannedDate, locale) || "—"} / ${t("progress.actualDate")} ${formatDate(s.actualDate, locale) || "—"}`;
                  return (
                    <g key={`${r.key}:${s.name}`}>
                      <title>{title}</title>
                      {s.plannedDate && s.actualDate && (
                        <line x1={x(s.plannedDate)} x2={x(s.actualDate)} y1={y} y2={y} stroke={colour} strokeWidth="2" />
                      )}
                      {s.plannedDate && (
                        <path
                          d={`M ${x(s.plannedDate)} ${y - 5} l 5 5 l -5 5 l -5 -5 z`}
                          fill="#ffffff"
                          stroke={colour}
                          strokeWidth="1.5"
                        />
                      )}
                      {s.actualDate && <circle cx={x(s.actualDate)} cy={y} r="4" fill={colour} />}
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
      <p className="text-dns-14N-130 text-solid-gray-700">{t("timeline.legend")}</p>
      {table}
    </div>
  );
}
