import {
  addBusinessDays as addBusinessDaysSlow,
  businessDaysBetween as businessDaysBetweenSlow,
  isBusinessDay,
} from "../../../shared/dates/calendar.js";

/**
 * The business-day clock of the desk's service levels, as a pure function.
 * Dates are "YYYY-MM-DD" in Japan time; business days exclude weekends, national holidays and
 * the 12/29–1/3 closure (shared/dates/calendar.ts). The clock stops while the desk waits for the
 * municipality: each pause moves the due date by the business days it lasted — unless the target
 * was already missed when the pause began (a pause cannot undo a miss).
 */
/**
 * The queue computes two clocks for each of its rows, and an old open consultation spans hundreds
 * of days; walking the calendar day by day for each is what made the queue slow. So the calendar's
 * answers are tabulated once: cum[i] = business days from the table's first day through day i.
 * Outside the table the shared day-by-day functions answer.
 */
const DAY = 86400_000;
const T0 = Date.UTC(2015, 0, 1);
const SPAN = 366 * 30;
let cum: Int32Array | null = null;
function table(): Int32Array {
  if (cum) return cum;
  const t = new Int32Array(SPAN);
  let n = 0;
  for (let i = 0; i < SPAN; i++) {
    if (isBusinessDay(new Date(T0 + i * DAY).toISOString().slice(0, 10))) n++;
    t[i] = n;
  }
  cum = t;
  return t;
}
const index = (ymd: string) => {
  const i = (Date.parse(`${ymd}T00:00:00Z`) - T0) / DAY;
  return i >= 1 && i < SPAN - 400 ? i : -1;
};

/** Business days in (from, to], as shared/dates/calendar.ts counts them. */
export function businessDaysBetween(from: string, to: string): number {
  const a = index(from);
  const b = index(to);
  if (a < 0 || b < 0) return businessDaysBetweenSlow(from, to);
  const t = table();
  return t[b]! - t[a]!;
}

/** The date n business days after ymd (n ≥ 0), as shared/dates/calendar.ts computes it. */
export function addBusinessDays(ymd: string, n: number): string {
  const i = index(ymd);
  if (i < 0 || n < 0 || n > 300) return addBusinessDaysSlow(ymd, n);
  if (n === 0) return ymd;
  const t = table();
  const target = t[i]! + n;
  // The first day whose running count reaches the target is the n-th business day after ymd.
  let lo = i + 1;
  let hi = Math.min(SPAN - 1, i + n * 3 + 30);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! >= target) hi = mid;
    else lo = mid + 1;
  }
  return new Date(T0 + lo * DAY).toISOString().slice(0, 10);
}

export interface Pause {
  from: string;
  /** null while the pause lasts. */
  to: string | null;
}

export interface SlaInput {
  /** The day the consultation was filed. */
  start: string;
  targetDays: number;
  pauses: Pause[];
  /** The day the target was reached (first reply, resolution), or null while it runs. */
  stoppedOn: string | null;
  today: string;
  /** Warn when this many business days or fewer remain. */
  warnDays?: number;
}

export type SlaStateName = "met" | "missed" | "on_track" | "due_soon" | "overdue" | "paused";

export interface SlaState {
  /** The due date; while paused, the date it would be if the clock restarted today. */
  due: string;
  state: SlaStateName;
  paused: boolean;
  /** Business days counted against the target (pauses excluded). */
  usedDays: number;
  /** Business days from today (or the stop day) to the due date; negative once overdue. */
  remainingDays: number;
}

const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

/** The pauses clipped to the end of the clock (the stop day or today), in order, empty ones dropped. */
function clip(pauses: Pause[], end: string): { from: string; to: string }[] {
  return pauses
    .filter((p) => p.from < end)
    .map((p) => ({ from: p.from, to: min(p.to ?? end, end) }))
    .map((p) => ({ from: p.from, to: max(p.to, p.from) }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export function dueDate(start: string, targetDays: number, pauses: Pause[], end: string): string {
  let due = addBusinessDays(start, targetDays);
  for (const p of clip(pauses, end)) {
    if (p.from > due) continue; // already missed before the pause began
    due = addBusinessDays(due, businessDaysBetween(p.from, p.to));
  }
  return due;
}

export function slaClock(input: SlaInput): SlaState {
  const end = input.stoppedOn ?? input.today;
  const due = dueDate(input.start, input.targetDays, input.pauses, end);
  const pausedDays = clip(input.pauses, end).reduce((n, p) => n + businessDaysBetween(p.from, p.to), 0);
  const usedDays = Math.max(0, businessDaysBetween(input.start, max(end, input.start)) - pausedDays);
  const remainingDays = businessDaysBetween(end, due) || 0; // no -0
  const paused = !input.stoppedOn && input.pauses.some((p) => p.to === null);
  let state: SlaStateName;
  if (input.stoppedOn) state = input.stoppedOn <= due ? "met" : "missed";
  else if (input.today > due) state = "overdue";
  else if (paused) state = "paused";
  else if (remainingDays <= (input.warnDays ?? 1)) state = "due_soon";
  else state = "on_track";
  return { due, state, paused, usedDays, remainingDays };
}
