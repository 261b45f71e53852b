import { parseCsvLines } from "../../../shared/csv.js";
import { halfWidth } from "../../../shared/normalise.js";
import { AppError } from "../errors.js";
import { decodeText } from "./text.js";
import { type ReadCell, readXlsx, spreadsheetKind } from "./xlsx-read.js";

/** A table people bring: XLSX sheets or one CSV sheet, rows at the indexes Excel shows (grid[row - 1][col - 1]). */
export interface ReadBook {
  format: "xlsx" | "csv";
  /** The CSV's encoding as the one decoder found it; null for XLSX. */
  encoding: string | null;
  sheets: { name: string; grid: ReadCell[][] }[];
}

/**
 * Reads XLSX (budgets checked, parsed in a worker thread) or CSV (the one text decoder: UTF-8 ± BOM or
 * CP932); blank rows are kept so row numbers match what the clerk sees.
 */
export async function readSpreadsheet(bytes: Buffer, fileName: string): Promise<ReadBook> {
  if (spreadsheetKind(bytes)) return { format: "xlsx", encoding: null, sheets: await readXlsx(bytes, fileName) };
  if (bytes.includes(0))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "XLSX か CSV のファイルを選んでください。", { file: fileName });
  const { text, encoding } = decodeText(bytes, fileName);
  const grid: ReadCell[][] = [];
  for (const r of parseCsvLines(text)) grid[r.line - 1] = r.cells;
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return { format: "csv", encoding, sheets: [{ name: fileName.replace(/\.[^.]+$/, "") || "CSV", grid }] };
}

/** Excel's column name for a 0-based index: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Reading cells the way people fill them in: dates as Excel dates, 2026/4/1, 2026年4月1日 or 令和8年4月1日;
 * flags as ○ or blank. Each parser answers { ok, value } so an importer can name every bad cell.
 */
export type Cell = string | number | boolean | Date | null | undefined;
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

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
  const s = halfWidth(String(v).trim());
  if (!s) return { ok: true, value: null };
  const m = s.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/) ?? s.match(/^(\d{4})年(\d{1,2})月(\d{1,2})日$/);
  const w = s.match(/^(令和|平成|R|H)\s*(\d{1,2}|元)[年./-](\d{1,2})[月./-](\d{1,2})日?$/i);
  let out: string | null = null;
  if (m) out = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  else if (w) {
    const n = w[2] === "元" ? 1 : Number(w[2]);
    out = ymd((eraStart[w[1]!.toUpperCase()] ?? eraStart[w[1]!]!) + n, Number(w[3]), Number(w[4]));
  }
  return out && isRealDate(out) ? { ok: true, value: out } : bad;
}

const isRealDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const yes = new Set(["○", "〇", "1", "true", "yes", "はい", "該当", "✓", "✔", "y"]);
const no = new Set(["", "×", "0", "false", "no", "いいえ", "非該当", "-", "－", "n"]);
export function parseFlagCell(v: Cell): Parsed<boolean> {
  if (typeof v === "boolean") return { ok: true, value: v };
  const s = cellText(v).toLowerCase();
  if (yes.has(s)) return { ok: true, value: true };
  if (no.has(s)) return { ok: true, value: false };
  return { ok: false, message: `「${cellText(v)}」は読めません。該当なら ○、該当しなければ空欄にしてください` };
}
