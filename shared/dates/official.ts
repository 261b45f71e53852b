import { jstDate } from "./jst.js";
import { warekiDate } from "./wareki.js";

const weekdays = ["日", "月", "火", "水", "木", "金", "土"];

/** 「令和8年11月30日（月）」 for "2026-11-30": the date as official letters write a deadline. */
export function warekiWithWeekday(ymd: string): string {
  const day = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return `${warekiDate(ymd)}（${weekdays[day]}）`;
}

/** The time of day in Japan, as official letters write it: 「17時」, 「9時30分」. */
export function jstClock(iso: string): string {
  const t = new Date(Date.parse(iso) + 9 * 3600_000);
  const h = t.getUTCHours();
  const m = t.getUTCMinutes();
  return m === 0 ? `${h}時` : `${h}時${String(m).padStart(2, "0")}分`;
}

/** 「令和8年11月30日（月）17時」 for an instant, in Japan time. */
export const warekiDateTime = (iso: string) => `${warekiWithWeekday(jstDate(new Date(iso)))}${jstClock(iso)}`;
