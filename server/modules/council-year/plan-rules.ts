import type { PlanEntry } from "../../../shared/api/year-plan.js";
import { addDays, lastDayOfMonth, nonBusinessReason } from "../../../shared/dates/calendar.js";
import { fiscalYearRange, jstDate, weekdayOf } from "../../../shared/dates/jst.js";

/**
 * The yearly plan's rules, free of the database: clash warnings, planned against held, and the dates
 * of a plan copied into the next year. Dates are "YYYY-MM-DD" Japan days.
 */

type Warning = PlanEntry["warnings"][number];

export interface PlannedWindow {
  id: string;
  type: "meeting" | "milestone";
  bodyId: string | null;
  bodyName: string | null;
  startDate: string;
  endDate: string;
}

const days = (start: string, end: string) => {
  const out: string[] = [];
  for (let d = start; d <= end && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
};
/** The Monday of the week a day falls in. */
export const weekOf = (ymd: string) => addDays(ymd, -((weekdayOf(ymd) + 6) % 7));
/** A window narrow enough to say which week it is: a fixed day or dates within one week. */
const fixedWeek = (w: PlannedWindow) => weekOf(w.startDate) === weekOf(w.endDate);

/** Warnings per entry id: a window with no business day in it, and two bodies meeting in the same week. */
export function planWarnings(entries: PlannedWindow[]): Map<string, Warning[]> {
  const out = new Map<string, Warning[]>(entries.map((e) => [e.id, []]));
  const meetings = entries.filter((e) => e.type === "meeting");
  for (const e of meetings) {
    const reasons = days(e.startDate, e.endDate).map(nonBusinessReason);
    if (reasons.every((r) => r !== null)) out.get(e.id)!.push({ code: "closed", detail: reasons[0]! });
  }
  const fixed = meetings.filter(fixedWeek);
  for (const a of fixed)
    for (const b of fixed)
      if (a.id !== b.id && a.bodyId !== b.bodyId && weekOf(a.startDate) === weekOf(b.startDate))
        out.get(a.id)!.push({ code: "sameWeek", detail: b.bodyName ?? "" });
  return out;
}

export interface HeldMeeting {
  id: string;
  bodyId: string;
  startsAt: string;
}

/**
 * Planned against held: each planned meeting takes the earliest unclaimed meeting of its body whose
 * Japan day falls in its window. Returns entry id → meeting id, and the meetings no entry claimed.
 */
export function matchHeld(entries: PlannedWindow[], meetings: HeldMeeting[]) {
  const claimed = new Set<string>();
  const matched = new Map<string, string>();
  const sorted = [...entries].filter((e) => e.type === "meeting").sort((a, b) => a.startDate.localeCompare(b.startDate));
  const byTime = [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  for (const e of sorted) {
    const m = byTime.find((m) => {
      const day = jstDate(m.startsAt);
      return !claimed.has(m.id) && m.bodyId === e.bodyId && day >= e.startDate && day <= e.endDate;
    });
    if (m) {
      claimed.add(m.id);
      matched.set(e.id, m.id);
    }
  }
  return { matched, unplanned: byTime.filter((m) => !claimed.has(m.id)) };
}

const isWholeMonth = (start: string, end: string) =>
  start.slice(0, 7) === end.slice(0, 7) && start.endsWith("-01") && end === lastDayOfMonth(start.slice(0, 7));
const nextYearMonth = (ymd: string) => `${Number(ymd.slice(0, 4)) + 1}${ymd.slice(4, 7)}`;

/**
 * An entry's window one fiscal year later. A whole month stays that month; other windows move by 52
 * weeks so a meeting keeps its weekday (「第2火曜日」), a week later if that would leave the year.
 */
export function shiftToNextYear(start: string, end: string, targetFy: number): { startDate: string; endDate: string } {
  if (isWholeMonth(start, end)) {
    const ym = nextYearMonth(start);
    return { startDate: `${ym}-01`, endDate: lastDayOfMonth(ym) };
  }
  const { start: fyStart, end: fyEnd } = fiscalYearRange(targetFy);
  let s = addDays(start, 364);
  let e = addDays(end, 364);
  if (s < fyStart) {
    s = addDays(s, 7);
    e = addDays(e, 7);
  }
  if (e > fyEnd) e = fyEnd;
  if (e < s) e = s;
  return { startDate: s, endDate: e };
}
