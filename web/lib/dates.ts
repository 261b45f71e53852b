import type { Locale } from "./i18n.js";

// Dates are shown in Japan time whatever the browser's zone: the council meets in Yamaguchi.
const timeZone = "Asia/Tokyo";

const warekiFormat = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  timeZone,
});
const enDate = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "short", day: "numeric", timeZone });
const time = new Intl.DateTimeFormat("ja-JP", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone });
const compact = new Intl.DateTimeFormat("ja-JP", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
  timeZone,
});
const westernYear = new Intl.DateTimeFormat("en-US", { year: "numeric", timeZone });

/** "2025-04-01" is a calendar date: read it at noon in Japan so no zone shifts the day. */
function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+09:00`) : new Date(value);
}

/** 和暦 with the Western year: 「令和7年（2025年）4月1日」; English: "1 Apr 2025". */
export function formatDate(value: string | Date | null | undefined, locale: Locale = "ja"): string {
  if (!value) return "";
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return String(value);
  if (locale === "en") return enDate.format(d);
  const parts = Object.fromEntries(warekiFormat.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.era}${parts.year}年（${westernYear.format(d)}年）${parts.month}月${parts.day}日`;
}

/** Date and time: 「令和7年（2025年）4月1日 14:05」. */
export function formatDateTime(value: string | Date | null | undefined, locale: Locale = "ja"): string {
  if (!value) return "";
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${formatDate(d, locale)} ${time.format(d)}`;
}

/** Compact form for dense tables (audit log, outbox): 「2025/04/01 14:05」. */
export function formatCompactDateTime(value: string | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : compact.format(d);
}
