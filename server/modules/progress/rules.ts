import { jstDayEnd } from "../../../shared/dates/jst.js";
import type { StepStatus } from "./tables.js";

/**
 * The pure rules of progress: how a record's percentage and due date follow from its data,
 * and who is behind plan. No I/O here; everything is unit-tested in rules.test.ts.
 *
 * Percentages are integers in hundredths (0–10000) so sums over thousands of records stay exact.
 */

export interface StepDef {
  id: string;
  code: string;
  name: string;
  options: string[] | null;
}

export interface MetricDef {
  id: string;
  code: string;
  name: string;
  unit: string;
  targetDefault: number | null;
}

export interface ItemDef {
  id: string;
  programmeId: string;
  tracking: "steps" | "metrics";
  /** The item's own deadline, else the programme's. */
  deadline: string | null;
  /** Whether the programme allows the exception flag (移行困難 / 特定移行支援システム). */
  exceptionAllowed: boolean;
  steps: StepDef[];
  metrics: MetricDef[];
}

export interface StepState {
  status: StepStatus;
  plannedDate: string | null;
  actualDate: string | null;
  option: string | null;
}

export interface MetricValue {
  value: number | null;
  target: number | null;
}

export interface RecordData {
  /** By step id; a step without state has not started. */
  steps: Record<string, StepState>;
  /** By `${metricId}:${fiscalYear}`. */
  metrics: Record<string, MetricValue>;
  exception: boolean;
  exceptionReason: string | null;
  revisedTarget: string | null;
}

export interface RecordState {
  pct: number | null;
  done: number;
  inProgress: number;
  applicable: number;
  dueDate: string | null;
  metricFy: number | null;
}

export const emptyRecord = (): RecordData => ({
  steps: {},
  metrics: {},
  exception: false,
  exceptionReason: null,
  revisedTarget: null,
});

export const notStarted: StepState = { status: "not_started", plannedDate: null, actualDate: null, option: null };
export const metricKey = (metricId: string, fy: number) => `${metricId}:${fy}`;
const minDate = (a: string | null, b: string | null) => (a == null ? b : b == null || a <= b ? a : b);

/**
 * Steps: 完了 ÷ (all steps − 対象外). 着手 does not count toward the percentage (it is reported
 * beside it), as in the national PMO tool's 完了率. Every step 対象外 → null: the item does not
 * apply to the municipality and is left out of every average.
 */
function stepProgress(steps: StepDef[], data: RecordData) {
  let done = 0;
  let inProgress = 0;
  let applicable = 0;
  let due: string | null = null;
  for (const s of steps) {
    const st = data.steps[s.id] ?? notStarted;
    if (st.status === "not_applicable") continue;
    applicable++;
    if (st.status === "done") done++;
    else {
      if (st.status === "in_progress") inProgress++;
      due = minDate(due, st.plannedDate);
    }
  }
  const pct = applicable === 0 ? null : Math.round((done * 10000) / applicable);
  return { pct, done, inProgress, applicable, due };
}

/**
 * Metrics (KPIs) are read per fiscal year. A record's figure is that of the latest fiscal year with a
 * reported value: a target alone is a plan, so next year's plan never replaces (nor lowers) this year's
 * figure. Within the year, per metric value ÷ target capped at 100%, averaged over the metrics that have
 * a value and a target above zero (the municipality's own for that year, else the default). A metric with
 * no value (a new KPI, nothing reported yet) is "no data" — left out, never 0% — and a record with no
 * figure at all is null, as is one whose own targets are 0 ("not applicable").
 */
function metricProgress(metrics: MetricDef[], data: RecordData) {
  let fy: number | null = null;
  for (const m of metrics) {
    for (const [key, v] of Object.entries(data.metrics)) {
      if (!key.startsWith(`${m.id}:`) || v.value == null) continue;
      const y = Number(key.slice(m.id.length + 1));
      if (fy == null || y > fy) fy = y;
    }
  }
  return { ...metricProgressIn(metrics, data, fy), fy };
}

/** The metrics' figure for one fiscal year (see metricProgress); null year or nothing reported → pct null. */
function metricProgressIn(metrics: MetricDef[], data: RecordData, fy: number | null) {
  const ratios: number[] = [];
  for (const m of metrics) {
    const v = fy == null ? undefined : data.metrics[metricKey(m.id, fy)];
    const ratio = metricRatio(v?.value ?? null, v?.target ?? m.targetDefault);
    if (ratio != null) ratios.push(ratio);
  }
  const pct = ratios.length ? Math.round((ratios.reduce((a, b) => a + b, 0) / ratios.length) * 10000) : null;
  return { pct, applicable: ratios.length, done: ratios.filter((r) => r >= 1).length };
}

/** One metric's achievement (0–1, capped): null without a value ("no data") or without a target above zero. */
const metricRatio = (value: number | null, target: number | null) =>
  value == null || target == null || !(target > 0) ? null : Math.min(1, value / target);

/**
 * One metric over municipalities for one fiscal year (the KPI view): how many reported, the sum of their
 * values and of the targets that apply (own for the year, else the default; 0 = not applicable), and the
 * mean achievement (hundredths) of those with a value and a target. Nothing reported → total and pct null.
 */
export function metricYearFigure(targetDefault: number | null, perOrg: readonly (MetricValue | undefined)[]) {
  let reported = 0;
  let total = 0;
  let targetSum: number | null = null;
  const ratios: number[] = [];
  for (const v of perOrg) {
    const target = v?.target ?? targetDefault;
    if (target != null && target > 0) targetSum = (targetSum ?? 0) + target;
    if (v?.value == null || target === 0) continue;
    reported++;
    total += v.value;
    const r = metricRatio(v.value, target);
    if (r != null) ratios.push(r);
  }
  return {
    reported,
    total: reported ? total : null,
    target: targetSum,
    pct: ratios.length ? (ratios.reduce((a, b) => a + b, 0) / ratios.length) * 10000 : null,
  };
}

/**
 * The record's percentage and due date. The due date is the earliest planned date of an open step
 * and, while the item is not complete, its deadline — or, for a flagged exception, the revised target.
 */
export function computeRecordState(def: ItemDef, data: RecordData): RecordState {
  const deadline = data.exception && data.revisedTarget ? data.revisedTarget : def.deadline;
  if (def.tracking === "metrics") {
    const m = metricProgress(def.metrics, data);
    // A year's figures are a result, not a promise with a date: metric items lag only by the median rule.
    return { pct: m.pct, done: m.done, inProgress: 0, applicable: m.applicable, dueDate: null, metricFy: m.fy };
  }
  const s = stepProgress(def.steps, data);
  const due = s.pct != null && s.pct < 10000 ? minDate(s.due, deadline) : s.due;
  return { pct: s.pct, done: s.done, inProgress: s.inProgress, applicable: s.applicable, dueDate: due, metricFy: null };
}

/** Behind plan by date: something open was due before the day in question. */
export const isOverdue = (dueDate: string | null, asOf: string) => dueDate != null && dueDate < asOf;

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = Float64Array.from(values).sort(); // numeric order, without a comparator call per pair
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Mean of the non-null percentages (hundredths), or null when none applies. */
export function meanPct(values: (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v == null) continue;
    sum += v;
    n++;
  }
  return n ? sum / n : null;
}

export interface OrgStanding {
  orgId: string;
  isSmall: boolean;
  /** Mean percentage of the org's items (hundredths), null when nothing applies. */
  pct: number | null;
  /** Items whose due date has passed without completion. */
  overdueItems: number;
  population: number | null;
}

export type BehindReason = "overdue" | "below_median";

/**
 * Behind plan: a due date passed without completion, or the municipality's percentage is more
 * than `lagThreshold` points under the median of the municipalities compared. Most urgent first
 * (more overdue items, then the lower percentage); with `smallFirst` small municipalities lead.
 * `count` is every one behind; `list` the first `limit` of them (all by default), each with its reasons;
 * `median` the median percentage it compared with.
 */
export function behindPlan<T extends OrgStanding>(
  orgs: T[],
  opts: { lagThreshold: number; smallFirst?: boolean; limit?: number },
): { count: number; list: (T & { reasons: BehindReason[]; medianGap: number | null })[]; median: number | null } {
  const med = median(orgs.map((o) => o.pct).filter((p): p is number => p != null));
  const gapOf = (o: T) => (med != null && o.pct != null ? med - o.pct : null);
  const lagging = (o: T) => {
    const gap = gapOf(o);
    return gap != null && gap > opts.lagThreshold * 100;
  };
  // Sorted as indexes; objects with reasons are made for the listed ones only (at national scale
  // nearly all 1,741 can be behind, and the dashboard lists a few).
  const behind: number[] = [];
  for (let i = 0; i < orgs.length; i++) if (orgs[i]!.overdueItems > 0 || lagging(orgs[i]!)) behind.push(i);
  behind.sort((x, y) => {
    const a = orgs[x]!;
    const b = orgs[y]!;
    return (
      (opts.smallFirst ? Number(b.isSmall) - Number(a.isSmall) : 0) ||
      b.overdueItems - a.overdueItems ||
      (a.pct ?? 0) - (b.pct ?? 0) ||
      (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0)
    );
  });
  const list = behind.slice(0, opts.limit ?? behind.length).map((i) => {
    const o = orgs[i]!;
    const reasons: BehindReason[] = [];
    if (o.overdueItems > 0) reasons.push("overdue");
    if (lagging(o)) reasons.push("below_median");
    return { ...o, reasons, medianGap: gapOf(o) };
  });
  return { count: behind.length, list, median: med };
}

/** The trend: month-end percentages from per-month sums of changes (running totals). */
export function trendFromDeltas(
  rows: { month: string; pctSum: number; pctN: number }[],
  opts: { until?: string } = {},
): { month: string; pct: number | null }[] {
  const byMonth = new Map<string, { s: number; n: number }>();
  for (const r of rows) {
    if (opts.until && r.month > opts.until) continue;
    const m = byMonth.get(r.month) ?? { s: 0, n: 0 };
    m.s += r.pctSum;
    m.n += r.pctN;
    byMonth.set(r.month, m);
  }
  const months = [...byMonth.keys()].sort();
  if (!months.length) return [];
  const last = opts.until ?? months[months.length - 1]!;
  const out: { month: string; pct: number | null }[] = [];
  let s = 0;
  let n = 0;
  for (let m = months[0]!; m <= last; m = nextMonth(m)) {
    const d = byMonth.get(m);
    if (d) {
      s += d.s;
      n += d.n;
    }
    out.push({ month: m, pct: n > 0 ? s / n : null });
  }
  return out;
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** "As of" a date means up to the end of that day in Japan: history rows strictly before the next JST midnight. */
export const asOfCutoff = (ymd: string) => jstDayEnd(ymd).toISOString();
