import { addBusinessDays, isBusinessDay } from "../dates/calendar.js";

/**
 * When the automatic reminders of a survey go out (dates in Japan, "YYYY-MM-DD"): N business days
 * before the deadline, and on the deadline day — or the last business day before it when the
 * deadline falls on a weekend, a holiday or the year-end closure.
 */
export const businessDayOnOrBefore = (ymd: string) => (isBusinessDay(ymd) ? ymd : addBusinessDays(ymd, -1));

export function reminderDates(deadlineDate: string, daysBefore: number | null, onDay: boolean) {
  const day = onDay ? businessDayOnOrBefore(deadlineDate) : null;
  let before = daysBefore != null && daysBefore > 0 ? addBusinessDays(deadlineDate, -daysBefore) : null;
  if (before && day && before >= day) before = null;
  return { before, day };
}

/**
 * The reminder due on `today`, if any. The "before" reminder is caught up on a later day when the
 * daily run was missed (server down), but never once the deadline day has come.
 */
export function dueReminder(
  today: string,
  deadlineDate: string,
  daysBefore: number | null,
  onDay: boolean,
): { kind: "before" | "day"; key: string } | null {
  const { before, day } = reminderDates(deadlineDate, daysBefore, onDay);
  if (day && today === day) return { kind: "day", key: `day:${day}` };
  if (before && today >= before && today <= deadlineDate && (!day || today < day))
    return { kind: "before", key: `before:${before}` };
  return null;
}
