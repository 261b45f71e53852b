import { addBusinessDays, businessDaysBetween } from "../../../shared/dates/calendar.js";

/**
 * The business-day clock of the desk's service levels, as a pure function.
 * Dates are "YYYY-MM-DD" in Japan time; business days exclude weekends, national holidays and
 * the 12/29–1/3 closure (shared/dates/calendar.ts). The clock stops while the desk waits for the
 * municipality: each pause moves the due date by the business days it lasted — unless the target
 * was already missed when the pause began (a pause cannot undo a miss).
 */
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
