/**
 * Japan time (JST, UTC+9, no daylight saving): the one place that converts between instants and
 * Japanese calendar days. Days are "YYYY-MM-DD", months "YYYY-MM", instants `Date` or ISO strings.
 * A day "ends" at the next midnight in Japan, so a membership whose term ends on 3/31 ends at
 * 4/1 00:00 JST (3/31 15:00 UTC), whatever the server's own time zone.
 */
const OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86400_000;

type Instant = Date | string | number;
const ms = (t: Instant) => (t instanceof Date ? t.getTime() : typeof t === "number" ? t : Date.parse(t));
/** The instant shifted so that its UTC fields read as the wall clock in Japan. */
const shifted = (t: Instant) => new Date(ms(t) + OFFSET_MS);

/** Today in Japan and the instants it starts and ends at: most requests ask for it, several times. */
let today = { from: 0, to: 0, text: "" };

/** The calendar date in Japan of an instant (today by default). */
export function jstDate(t?: Instant): string {
  if (t !== undefined) return shifted(t).toISOString().slice(0, 10);
  const now = Date.now();
  if (now < today.from || now >= today.to) {
    const text = shifted(now).toISOString().slice(0, 10);
    const from = Date.parse(`${text}T00:00:00Z`) - OFFSET_MS;
    today = { from, to: from + DAY_MS, text };
  }
  return today.text;
}

/** The instant as a zone-less wall clock in Japan (its UTC fields read as Japan time): for Excel, which keeps no zone. */
export const jstWallClock = (t: Instant) => shifted(t);

/** "2025-10-30 14:05" (or with seconds) in Japan time, for CSV and logs. */
export const jstStamp = (t: Instant, seconds = false) =>
  shifted(t)
    .toISOString()
    .slice(0, seconds ? 19 : 16)
    .replace("T", " ");

/** Today's date in Japan. */
export const jstToday = () => jstDate();

/** The "YYYY-MM" month in Japan of an instant. */
export const jstMonth = (t: Instant = new Date()) => shifted(t).toISOString().slice(0, 7);

/** "HH:MM" on the wall clock in Japan. */
export const jstTime = (t: Instant) => shifted(t).toISOString().slice(11, 16);

/** "YYYY-MM-DDTHH:MM" on the wall clock in Japan (the value of an <input type="datetime-local">). */
export const jstDateTimeLocal = (t: Instant) => shifted(t).toISOString().slice(0, 16);

/** The instant of a Japan-time "YYYY-MM-DDTHH:MM" (an <input type="datetime-local"> read as Japan time). */
export const fromJstDateTimeLocal = (v: string) => jstInstant(v.slice(0, 10), v.slice(11, 16));

/** Day of the week in Japan, 0 = Sunday. */
export const jstWeekday = (t: Instant) => shifted(t).getUTCDay();

/** Day of the week of a calendar date, 0 = Sunday. */
export const weekdayOf = (ymd: string) => new Date(`${ymd}T00:00:00Z`).getUTCDay();

/** The instant a Japanese wall-clock time happens: `jstInstant("2026-03-31", "17:00")`. */
export function jstInstant(ymd: string, hhmm = "00:00"): Date {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - OFFSET_MS);
}

/** 00:00 in Japan at the start of a date. */
export const jstDayStart = (ymd: string) => jstInstant(ymd);

/** 00:00 in Japan of the following day: the exclusive end of `ymd`. */
export const jstDayEnd = (ymd: string) => new Date(jstInstant(ymd).getTime() + DAY_MS);

/** 00:00 in Japan on the first day of a month "YYYY-MM". */
export const jstMonthStart = (ym: string) => jstInstant(`${ym}-01`);

/** Whether a membership or term with an inclusive last day `endYmd` (null = open) is still running at `now`. */
export const isWithinTerm = (endYmd: string | null, now: Instant = new Date()) => endYmd === null || endYmd >= jstDate(now);

/** The next time it is hh:mm in Japan strictly after `now`. */
export function nextJstTime(now: Date, hour: number, minute = 0): Date {
  const candidate = jstInstant(jstDate(now), `${hour}:${minute}`).getTime();
  return new Date(candidate > now.getTime() ? candidate : candidate + DAY_MS);
}

/** The fiscal year (年度, April–March) a date belongs to, named by the April's Western year. */
export function fiscalYear(ymd: string): number {
  const y = Number(ymd.slice(0, 4));
  return Number(ymd.slice(5, 7)) >= 4 ? y : y - 1;
}

/** The fiscal year an instant falls in, by its date in Japan (3/31 23:59 JST is still the old year). */
export const fiscalYearAt = (t: Instant = new Date()) => fiscalYear(jstDate(t));

/** The fiscal year's first and last dates. */
export const fiscalYearRange = (fy: number) => ({ start: `${fy}-04-01`, end: `${fy + 1}-03-31` });
