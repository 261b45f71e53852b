import { formatMonth } from "../../lib/dates.js";
/** How progress numbers look: one decimal, and the heat colours of the table and the chart (same scale). */
export const pctText = (pct: number | null | undefined) => (pct == null ? "—" : `${Math.round(pct * 10) / 10}%`);

/** Light backgrounds keep dark text readable (WCAG AA); the number is always written, colour is extra. */
export function heatClass(pct: number | null | undefined): string {
  if (pct == null) return "bg-solid-gray-50";
  if (pct >= 100) return "bg-green-200";
  if (pct >= 75) return "bg-green-100";
  if (pct >= 50) return "bg-yellow-100";
  if (pct >= 25) return "bg-orange-100";
  return "bg-red-100";
}

/** The chart's continuous scale: red → orange → yellow → green (the DADS palette's 100–300 steps). */
export const heatColors = ["#ffbbbb", "#ffc199", "#ffe380", "#c2e5d1", "#71c598"];

export const signedPct = (n: number | null | undefined) => (n == null ? "—" : `${Math.round(n * 10) / 10}pt`);

/** "2026-04" → 「令和8年4月」 / "Apr 2026" (chart axes are short: no Western year). */
export const monthLabel = (month: string, locale: "ja" | "en") => formatMonth(month, locale, { western: false });
