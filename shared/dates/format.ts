/**
 * The one display format for dates and times, in Japan time whatever the viewer's zone (the council
 * meets in Japan). Lists, history, notifications, mail, charts, exports and search results all call these.
 *
 * - a day:          「令和7年（2025年）4月1日」, with `weekday` 「令和7年（2025年）4月1日（火）」, English "1 Apr 2025"
 * - a day and time: 「令和7年（2025年）4月1日 14:05」
 * - dense tables:   `{ western: false }` drops the Western year: 「令和7年4月1日」
 * - a month:        「令和7年（2025年）4月」 (charts and month views)
 */
import { jstDate, jstWallClock, weekdayOf } from "./jst.js";
import { warekiDate } from "./wareki.js";

export type DateLocale = "ja" | "en";
export interface DateStyle {
  /** Show the Western year in brackets after the era year (default true). */
  western?: boolean;
  /** Add the weekday: 「（火）」, "Tue". */
  weekday?: boolean;
}

const timeZone = "Asia/Tokyo";
const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone });
const weekdaysJa = ["日", "月", "火", "水", "木", "金", "土"];
const weekdaysEn = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const monthsEn = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const ymdPattern = /^\d{4}-\d{2}-\d{2}$/;

/** The Japan-time calendar day of a value: "2025-04-01" stays itself; an instant is read in JST. */
export function jstDay(value: string | Date): string | null {
  if (typeof value === "string" && ymdPattern.test(value)) return value;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : jstDate(d);
}

/** A day (calendar date or instant) in the house style. */
export function formatDate(value: string | Date | null | undefined, locale: DateLocale = "ja", style: DateStyle = {}): string {
  if (!value) return "";
  const ymd = jstDay(value);
  if (!ymd) return String(value);
  const [y, m, d] = [Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)), Number(ymd.slice(8, 10))];
  const wd = weekdayOf(ymd);
  if (locale === "en") return `${style.weekday ? `${weekdaysEn[wd]} ` : ""}${d} ${monthsEn[m - 1]} ${y}`;
  const wareki = warekiDate(ymd);
  const withYear = style.western === false ? wareki : wareki.replace(/年/, `年（${y}年）`);
  return `${withYear}${style.weekday ? `（${weekdaysJa[wd]}）` : ""}`;
}

/** "14:05" in Japan time. */
export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? "" : time.format(d);
}

/** A day and time: 「令和7年（2025年）4月1日 14:05」. */
export function formatDateTime(
  value: string | Date | null | undefined,
  locale: DateLocale = "ja",
  style: DateStyle = {},
): string {
  if (!value) return "";
  const day = formatDate(value, locale, style);
  const t = formatTime(value);
  return t ? `${day} ${t}` : day;
}

/** A month ("2025-04" or any date in it): 「令和7年（2025年）4月」, English "Apr 2025". */
export function formatMonth(value: string | null | undefined, locale: DateLocale = "ja", style: DateStyle = {}): string {
  if (!value) return "";
  const ym = /^\d{4}-\d{2}$/.test(value) ? value : jstDay(value)?.slice(0, 7);
  if (!ym) return value;
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  if (locale === "en") return `${monthsEn[m - 1]} ${y}`;
  // The era of the month's first day: April 2019 is 平成31年, May 2019 令和元年.
  const wareki = warekiDate(`${ym}-01`).replace(/\d+日$/, "");
  return style.western === false ? wareki : wareki.replace(/年/, `年（${y}年）`);
}

/** 「令和8年11月30日（月）」 for "2026-11-30": the date as official letters (公用文) write a deadline. */
export const warekiWithWeekday = (ymd: string) => formatDate(ymd, "ja", { western: false, weekday: true });

/** The time of day in Japan, as official letters write it: 「17時」, 「9時30分」. */
export function jstClock(iso: string): string {
  const t = jstWallClock(iso);
  const h = t.getUTCHours();
  const m = t.getUTCMinutes();
  return m === 0 ? `${h}時` : `${h}時${String(m).padStart(2, "0")}分`;
}

/** 「令和8年11月30日（月）17時」 for an instant, in Japan time, as official letters write it. */
export const warekiDateTime = (iso: string) => `${warekiWithWeekday(jstDate(iso))}${jstClock(iso)}`;
