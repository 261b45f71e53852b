/**
 * The web app's date display: the shared formatter (shared/dates/format.ts), Japan time, 和暦 with the
 * Western year. Dense tables (audit log, outbox, survey status) use the compact form without the Western year.
 */
import { formatDateTime } from "../../shared/dates/format.js";
import { fromJstDateTimeLocal, jstDateTimeLocal } from "../../shared/dates/jst.js";
import type { Locale } from "./i18n.js";

export { formatDate, formatDateTime, formatMonth, formatTime, jstDay } from "../../shared/dates/format.js";
export { jstToday } from "../../shared/dates/jst.js";

/** Compact date and time for dense tables: 「令和7年4月1日 14:05」. */
export const formatCompactDateTime = (value: string | null | undefined, locale: Locale = "ja") =>
  formatDateTime(value, locale, { western: false });

/** An <input type="datetime-local"> value ("2026-05-01T09:00") is Japan time, whatever the browser's zone: its ISO instant, null for an empty field. */
export const jstInputToIso = (value: string) => (value ? fromJstDateTimeLocal(value).toISOString() : null);

/** An ISO instant as the value of an <input type="datetime-local"> in Japan time, "" for none. */
export const isoToJstInput = (iso: string | null | undefined) => (iso ? jstDateTimeLocal(iso) : "");
