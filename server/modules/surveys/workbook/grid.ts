import type { RowsLayout } from "../../../../shared/api/relay.js";
import { parseCsvLines } from "../../../../shared/csv.js";
import type { FieldIssue } from "../../../../shared/errors.js";
import { AppError } from "../../../platform/errors.js";
import { decodeText } from "../../../platform/files/text.js";
import { colLetters, openPackage, splitRef, type XlsxPackage } from "../../../platform/files/xlsx-package.js";
import { refuseOtherSpreadsheets, spreadsheetKind } from "../../../platform/files/xlsx-read.js";
import { isDateFormat, readSheets, type SheetInfo, uses1904 } from "../../../platform/files/xlsx-sheets.js";
import { norm } from "./detect.js";

/**
 * The table sheet of a workbook someone sends back (a filled copy, or a CSV saved from it), as
 * cells by address, and the check that its template is still the one imported: header cells and
 * organisation names where they were. Every refusal names the sheet and the cell.
 */
export interface GridCell {
  value: string | number | boolean | null;
  formula: string | null;
  dateCell: boolean;
}
export interface Grid {
  sheet: string;
  date1904: boolean;
  cells: Map<string, GridCell>;
  pkg: XlsxPackage | null;
}

export const at = (sheet: string, ref: string) => `${sheet}!${ref}`;
export const refused = (message: string, issues: FieldIssue[]) =>
  new AppError("VALIDATION_FAILED", message, { issues: issues.slice(0, 50) });

/** Every sheet of an XLSX (the package kept for writing), or null for a CSV. */
export async function readBook(bytes: Uint8Array, file: string) {
  refuseOtherSpreadsheets(bytes, file);
  if (spreadsheetKind(bytes) !== "xlsx") return null;
  const pkg = await openPackage(bytes, file);
  return { pkg, sheets: readSheets(pkg), date1904: uses1904(pkg) };
}
export type Book = NonNullable<Awaited<ReturnType<typeof readBook>>>;

/** One sheet of a workbook as cells by address. */
export function gridOf(book: Book, sheet: SheetInfo): Grid {
  const cells = new Map<string, GridCell>();
  for (const c of sheet.cells) cells.set(c.ref, { value: c.value, formula: c.formula, dateCell: isDateFormat(c.format) });
  return { sheet: sheet.name, date1904: book.date1904, cells, pkg: book.pkg };
}

/** A CSV of one sheet (Excel's 「CSV（コンマ区切り）」 writes Shift_JIS): cells at the same addresses. */
export function csvGrid(bytes: Uint8Array, file: string, sheet: string): Grid {
  const { text } = decodeText(bytes, file);
  const cells = new Map<string, GridCell>();
  for (const { line, cells: row } of parseCsvLines(text))
    row.forEach((v, i) => {
      if (v !== "")
        cells.set(`${colLetters(i + 1)}${line}`, { value: v, formula: v.startsWith("=") ? v : null, dateCell: false });
    });
  return { sheet, date1904: false, cells, pkg: null };
}

export const noSuchSheet = (file: string, name: string, sheets: { name: string }[]) =>
  refused(
    `「${file}」にシート「${name}」がありません（あるシート：${sheets.map((s) => `「${s.name}」`).join("")}）。配布した様式のシート名を変えずに保存してください。`,
    [{ path: name, message: "シートが見つかりません" }],
  );

export async function readGrid(bytes: Uint8Array, file: string, layout: RowsLayout): Promise<Grid> {
  const book = await readBook(bytes, file);
  if (!book) return csvGrid(bytes, file, layout.sheet);
  const sheet = book.sheets.find((s) => s.name === layout.sheet);
  if (!sheet) throw noSuchSheet(file, layout.sheet, book.sheets);
  return gridOf(book, sheet);
}

const textAt = (g: Grid, ref: string) => {
  const v = g.cells.get(ref)?.value;
  return v == null ? "" : String(v).trim();
};

const whereIs = (g: Grid, text: string) => {
  for (const [ref, c] of g.cells) if (c.value != null && norm(c.value) === norm(text)) return ref;
  return null;
};

/** Header or label cells that are not where the template had them; say where they went. */
export function movedCells(g: Grid, cells: { ref: string; text: string }[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const h of cells) {
    const now = textAt(g, h.ref);
    if (norm(now) === norm(h.text)) continue;
    const moved = whereIs(g, h.text);
    issues.push({
      path: at(g.sheet, h.ref),
      message: moved
        ? `見出し「${h.text}」が ${h.ref} から ${moved} に移動しています`
        : `${h.ref} の見出しが「${h.text}」から「${now}」に変わっています`,
    });
  }
  return issues;
}

/** Header cells and organisation keys that are not where the template had them; say where they went. */
export function templateIssues(g: Grid, layout: RowsLayout, rows: RowsLayout["rows"]): FieldIssue[] {
  const issues = movedCells(g, layout.headerCells);
  for (const r of rows) {
    const ref = `${layout.keyCol}${r.row}`;
    const now = textAt(g, ref);
    if (norm(now) === norm(r.key)) continue;
    const moved = whereIs(g, r.key);
    issues.push({
      path: at(g.sheet, ref),
      message: moved
        ? `「${r.key}」の行が ${r.row}行目から ${splitRef(moved).row}行目に移動しています`
        : `${ref} は「${r.key}」のはずが「${now}」になっています`,
    });
  }
  return issues;
}

export const templateChanged = (file: string, issues: FieldIssue[]) =>
  refused(
    `「${file}」は配布した様式から表の位置が変わっているため読み込めません（${issues
      .slice(0, 3)
      .map((i) => i.path)
      .join("、")}${issues.length > 3 ? " ほか" : ""}）。行や列を挿入・削除せず、配布した様式に入力し直してください。`,
    issues,
  );
