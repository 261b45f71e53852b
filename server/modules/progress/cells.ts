import { stepStatusLabels } from "../../../shared/api/progress.js";
import { halfWidth } from "../../../shared/normalise.js";
import type { StepStatus } from "./tables.js";
import { isYmd } from "./update-rules.js";

/**
 * Reading spreadsheet cells the way people fill them in: dates as Excel dates, 2026/4/1,
 * 2026年4月1日 or 令和8年4月1日; statuses as 完了, 済, ○ …; numbers with thousands separators.
 * Each parser answers { ok, value } so the importer can name every bad cell.
 */
export type Cell = string | number | boolean | Date | null | undefined;
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const toHalfWidth = halfWidth;

export const cellText = (v: Cell): string => {
  if (v == null) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v).trim();
};

const eraStart: Record<string, number> = { 令和: 2018, R: 2018, 平成: 1988, H: 1988 };
const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

export function parseDateCell(v: Cell): Parsed<string | null> {
  const bad = { ok: false as const, message: "日付として読めません（例：2026-04-01、2026/4/1、令和8年4月1日）" };
  if (v == null || v === "") return { ok: true, value: null };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? bad : { ok: true, value: v.toISOString().slice(0, 10) };
  if (typeof v === "number") {
    // An Excel serial date (days since 1899-12-30), within a sensible range (1954–2118).
    if (!Number.isInteger(v) || v < 20000 || v > 80000) return bad;
    return { ok: true, value: new Date(Date.UTC(1899, 11, 30) + v * 86400_000).toISOString().slice(0, 10) };
  }
  const s = toHalfWidth(String(v).trim());
  if (!s) return { ok: true, value: null };
  const m = s.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/) ?? s.match(/^(\d{4})年(\d{1,2})月(\d{1,2})日$/);
  const w = s.match(/^(令和|平成|R|H)\s*(\d{1,2}|元)[年./-](\d{1,2})[月./-](\d{1,2})日?$/i);
  let out: string | null = null;
  if (m) out = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  else if (w) {
    const n = w[2] === "元" ? 1 : Number(w[2]);
    out = ymd((eraStart[w[1]!.toUpperCase()] ?? eraStart[w[1]!]!) + n, Number(w[3]), Number(w[4]));
  }
  return out && isYmd(out) ? { ok: true, value: out } : bad;
}

const statusAliases: Record<string, StepStatus> = {
  ...Object.fromEntries(Object.entries(stepStatusLabels).map(([k, v]) => [v.ja, k as StepStatus])),
  ...Object.fromEntries(Object.keys(stepStatusLabels).map((k) => [k, k as StepStatus])),
  未: "not_started",
  "×": "not_started",
  作業中: "in_progress",
  実施中: "in_progress",
  対応中: "in_progress",
  済: "done",
  済み: "done",
  "○": "done",
  〇: "done",
  該当なし: "not_applicable",
  "-": "not_applicable",
  "－": "not_applicable",
};

/** An empty status cell reads as 未着手 (the export always writes one). */
export function parseStatusCell(v: Cell): Parsed<StepStatus> {
  const s = cellText(v);
  if (!s) return { ok: true, value: "not_started" };
  const found = statusAliases[s] ?? statusAliases[s.toLowerCase()];
  return found
    ? { ok: true, value: found }
    : { ok: false, message: `状況「${s}」は使えません。未着手・着手・完了・対象外 のいずれかにしてください` };
}

export function parseNumberCell(v: Cell): Parsed<number | null> {
  if (v == null || v === "") return { ok: true, value: null };
  if (typeof v === "number")
    return Number.isFinite(v) && v >= 0 ? { ok: true, value: v } : { ok: false, message: "0以上の数値にしてください" };
  const s = toHalfWidth(cellText(v)).replace(/[,\s]/g, "");
  if (!s) return { ok: true, value: null };
  if (!/^\d+(\.\d+)?$/.test(s)) return { ok: false, message: `「${cellText(v)}」は数値ではありません` };
  return { ok: true, value: Number(s) };
}

const yes = new Set(["○", "〇", "1", "true", "yes", "はい", "該当", "✓", "✔", "y"]);
const no = new Set(["", "×", "0", "false", "no", "いいえ", "非該当", "-", "－", "n"]);
export function parseFlagCell(v: Cell): Parsed<boolean> {
  if (typeof v === "boolean") return { ok: true, value: v };
  const s = cellText(v).toLowerCase();
  if (yes.has(s)) return { ok: true, value: true };
  if (no.has(s)) return { ok: true, value: false };
  return { ok: false, message: `「${cellText(v)}」は読めません。該当なら ○、該当しなければ空欄にしてください` };
}

/** Column letters as Excel names them (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
