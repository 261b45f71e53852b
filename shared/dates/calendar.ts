import holidayJp from "@holiday-jp/holiday_jp";

/**
 * Japanese calendar rules shared by server and web: dates are "YYYY-MM-DD" strings in Japan time.
 * Business days exclude weekends, national holidays (@holiday-jp/holiday_jp) and the
 * year-end closure of local government offices, 12/29–1/3.
 */
const holidays = holidayJp.holidays as Record<string, { name: string; name_en: string }>;

const MS_DAY = 86400_000;
const parse = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);
const format = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (ymd: string, n: number) => format(parse(ymd) + n * MS_DAY);

/** The last day of a month "YYYY-MM" as "YYYY-MM-DD". */
export const lastDayOfMonth = (ym: string) => format(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0));

export function holidayName(ymd: string): string | null {
  return holidays[ymd]?.name ?? null;
}

const isYearEndClosure = (ymd: string) => {
  const md = ymd.slice(5);
  return md >= "12-29" || md <= "01-03";
};

/** Why a date is not a business day (in Japanese), or null when it is one. */
export function nonBusinessReason(ymd: string): string | null {
  const dow = new Date(parse(ymd)).getUTCDay();
  if (dow === 0) return "日曜日";
  if (dow === 6) return "土曜日";
  const h = holidayName(ymd);
  if (h) return `祝日（${h}）`;
  if (isYearEndClosure(ymd)) return "年末年始の閉庁日（12月29日〜1月3日）";
  return null;
}

export const isBusinessDay = (ymd: string) => nonBusinessReason(ymd) === null;

/** The date n business days after (n > 0) or before (n < 0) ymd; n = 0 gives ymd itself. */
export function addBusinessDays(ymd: string, n: number): string {
  let d = ymd;
  let left = Math.abs(n);
  const step = n < 0 ? -1 : 1;
  while (left > 0) {
    d = addDays(d, step);
    if (isBusinessDay(d)) left--;
  }
  return d;
}

/** Business days in (from, to]: how many business days pass going from `from` to `to`. */
export function businessDaysBetween(from: string, to: string): number {
  if (to <= from) return -businessDaysBetweenPositive(to, from);
  return businessDaysBetweenPositive(from, to);
}
function businessDaysBetweenPositive(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isBusinessDay(d)) n++;
  return n;
}

/** The first business day on or after ymd. */
export function nextBusinessDay(ymd: string): string {
  let d = ymd;
  while (!isBusinessDay(d)) d = addDays(d, 1);
  return d;
}
