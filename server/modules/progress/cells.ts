import { stepStatusLabels } from "../../../shared/api/progress.js";
import { halfWidth } from "../../../shared/normalise.js";
import type { StepStatus } from "./tables.js";

/**
 * Reading spreadsheet cells the way people fill them in: dates as Excel dates, 2026/4/1,
 * 2026年4月1日 or 令和8年4月1日; statuses as 完了, 済, ○ …; numbers with thousands separators.
 * Each parser answers { ok, value } so the importer can name every bad cell.
 */
export {
  type Cell,
  cellText,
  type Parsed,
  parseDateCell,
  parseFlagCell,
} from "../../platform/files/spreadsheet.js";

import { type Cell, cellText, type Parsed } from "../../platform/files/spreadsheet.js";

const toHalfWidth = halfWidth;

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

/** Column letters as Excel names them (0 → A, 26 → AA). */
export { columnName as columnLetter } from "../../platform/files/spreadsheet.js";
