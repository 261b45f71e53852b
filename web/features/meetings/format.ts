import { jstDate } from "../../../shared/dates/jst.js";
import { formatDate } from "../../lib/dates.js";
import type { Locale } from "../../lib/i18n.js";

const hm = new Intl.DateTimeFormat("ja-JP", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Tokyo" });

/** 「令和7年（2025年）10月1日 14:00〜16:00」 */
export const meetingWhen = (m: { startsAt: string; endsAt: string }, locale: Locale) =>
  `${formatDate(m.startsAt, locale)} ${hm.format(new Date(m.startsAt))}〜${hm.format(new Date(m.endsAt))}`;

/** The Japan date "YYYY-MM-DD" of an instant. */
export const jstDay = (iso: string) => jstDate(iso);

export const statusTone = (s: string) =>
  (({ draft: "neutral", announced: "blue", held: "green", minutes_published: "green", cancelled: "red" }) as const)[
    s as "draft"
  ] ?? "neutral";
