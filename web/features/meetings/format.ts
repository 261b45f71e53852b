import { formatDate, formatTime } from "../../lib/dates.js";
import type { Locale } from "../../lib/i18n.js";

/** 「令和7年（2025年）10月1日 14:00〜16:00」 */
export const meetingWhen = (m: { startsAt: string; endsAt: string }, locale: Locale) =>
  `${formatDate(m.startsAt, locale)} ${formatTime(m.startsAt)}〜${formatTime(m.endsAt)}`;

export const statusTone = (s: string) =>
  (({ draft: "neutral", announced: "blue", held: "green", minutes_published: "green", cancelled: "red" }) as const)[
    s as "draft"
  ] ?? "neutral";
