import type { RowsLayout, WorkbookColumn, WorkbookLayout } from "../../../../shared/api/relay.js";
import type { Question } from "../../../../shared/surveys/definition.js";
import { AppError } from "../../../platform/errors.js";
import { colLetters, openPackage, rangeOf } from "../../../platform/files/xlsx-package.js";
import {
  formatUnit,
  isDateFormat,
  readSheets,
  type SheetCell,
  type SheetInfo,
  uses1904,
} from "../../../platform/files/xlsx-sheets.js";
import { detectSheets, orgSheets } from "./sheets-detect.js";

/**
 * Finds the input table of a ministry's workbook: the column that names the organisations (their
 * names or 全国地方公共団体コード), the header rows above it (merged cells spread over the columns
 * they cover), and one question per answer column, typed from the column's data validation, its
 * number format and its header (units in brackets, 年月日). A workbook with one sheet per
 * organisation instead is read by sheets-detect.ts. Pure: runs in a worker thread.
 */
export interface OrgKey {
  id: string;
  name: string;
  lgCode: string | null;
}
export interface Detection {
  layout: WorkbookLayout;
  questions: Question[];
  otherSheets: { name: string; hidden: boolean }[];
  range: string;
}

export const norm = (v: unknown) =>
  String(v ?? "")
    .normalize("NFKC")
    .replace(/\s/g, "");

/** Which organisation a cell names, by name (山口県下関市 too) or by code (6 digits, or the 5 without the check digit). */
export function orgMatcher(orgs: OrgKey[]): (v: unknown) => OrgKey | null {
  const byName = new Map(orgs.map((o) => [norm(o.name), o]));
  const byCode = new Map<string, OrgKey>();
  for (const o of orgs) if (o.lgCode) byCode.set(o.lgCode, o).set(o.lgCode.slice(0, 5), o);
  return (v) => {
    const t = norm(v);
    if (!t) return null;
    if (/^\d{5,6}$/.test(t)) return byCode.get(t) ?? null;
    const exact = byName.get(t);
    if (exact) return exact;
    // A prefecture's name in front (山口県下関市): at most four characters more.
    for (let i = 1; i <= 4 && i < t.length; i++) {
      const o = byName.get(t.slice(i));
      if (o) return o;
    }
    return null;
  };
}

/** The text a person sees at a position: merged ranges show their top-left cell everywhere. */
export function viewOf(sheet: SheetInfo) {
  const byRef = new Map(sheet.cells.map((c) => [`${c.row}:${c.col}`, c]));
  const merges = sheet.merges.map(rangeOf);
  return (row: number, col: number): SheetCell | undefined => {
    const m = merges.find((r) => r.r1 <= row && row <= r.r2 && r.c1 <= col && col <= r.c2);
    return byRef.get(m ? `${m.r1}:${m.c1}` : `${row}:${col}`);
  };
}

const unitInHeader = (h: string) => /[（(]([^()（）]{1,6})[)）]\s*$/.exec(h)?.[1] ?? "";
const yesNoPairs = [
  ["はい", "いいえ"],
  ["有", "無"],
  ["あり", "なし"],
  ["○", "×"],
  ["済", "未"],
];

function covers(sqref: string[], row: number, col: number) {
  return sqref.some((s) => {
    const r = rangeOf(s);
    return r.r1 <= row && row <= r.r2 && r.c1 <= col && col <= r.c2;
  });
}

/** The question a column becomes, with the reason shown at review. */
export function typeColumn(
  sheet: SheetInfo,
  col: number,
  rows: number[],
  header: string,
  id: string,
): { q: Question; col: WorkbookColumn } {
  const base = { id, title: header.slice(0, 500), help: "", required: false, showIf: null };
  const letters = colLetters(col);
  const column = (reason: string, extra: Partial<WorkbookColumn> = {}) => ({
    col: letters,
    questionId: id,
    header,
    reason,
    ...extra,
  });
  const v = sheet.validations.find((x) => covers(x.sqref, rows[0]!, col));
  if (v?.type === "list" && v.list.length) {
    const pair = yesNoPairs.find(([y, n]) => v.list.length === 2 && v.list.includes(y!) && v.list.includes(n!));
    if (pair)
      return {
        q: { ...base, kind: "yes_no" },
        col: column(`入力規則のリスト（${v.list.join("・")}）`, { yes: pair[0], no: pair[1] }),
      };
    return {
      q: {
        ...base,
        kind: "single_choice",
        options: v.list.slice(0, 100).map((label, i) => ({ id: `o${i + 1}`, label: label.slice(0, 200) })),
        allowOther: false,
      },
      col: column(`入力規則のリスト（${v.list.slice(0, 5).join("・")}${v.list.length > 5 ? "…" : ""}）`),
    };
  }
  const cell = sheet.cells.find((c) => c.col === col && rows.includes(c.row));
  const format = cell?.format ?? "General";
  const unit = formatUnit(format) || unitInHeader(header);
  const numberQ = (decimals: number) => ({ ...base, kind: "number", unit, min: null, max: null, decimals }) as Question;
  if (v?.type === "date" || isDateFormat(format))
    return { q: { ...base, kind: "date" }, col: column(v?.type === "date" ? "入力規則（日付）" : `表示形式（${format}）`) };
  if (v?.type === "whole" || v?.type === "decimal")
    return { q: numberQ(v.type === "whole" ? 0 : 2), col: column(v.type === "whole" ? "入力規則（整数）" : "入力規則（小数）") };
  if (format !== "General" && format !== "@" && /[0#]/.test(format)) {
    const decimals = /\.(0+)/.exec(format)?.[1]?.length ?? 0;
    return { q: numberQ(decimals), col: column(`表示形式（${format}）`) };
  }
  if (/年月日|日付|期日|予定日|年月$/.test(header)) return { q: { ...base, kind: "date" }, col: column("見出し（日付の語）") };
  if (unitInHeader(header) && /^(人|件|円|千円|百万円|万円|%|％|台|か所|箇所|回|時間|日|団体|名|世帯|人日)$/.test(unit))
    return { q: numberQ(0), col: column(`見出しの単位（${unit}）`) };
  return { q: { ...base, kind: "short_text", maxLength: 2000 }, col: column("文字（型の手がかりなし）") };
}

export async function detectWorkbook(bytes: Uint8Array, file: string, orgs: OrgKey[]): Promise<Detection> {
  const pkg = await openPackage(bytes, file);
  const sheets = readSheets(pkg);
  const perSheet = orgSheets(sheets, orgs);
  if (perSheet.length) return detectSheets(sheets, perSheet, file, uses1904(pkg));
  const orgOfCell = orgMatcher(orgs);
  // The column naming the most organisations, on a visible sheet.
  let best: { sheet: SheetInfo; col: number; rows: { row: number; org: OrgKey; key: string }[] } | null = null;
  for (const sheet of sheets.filter((s) => !s.hidden)) {
    const byCol = new Map<number, { row: number; org: OrgKey; key: string }[]>();
    for (const c of sheet.cells) {
      const org = orgOfCell(c.value);
      if (org) byCol.set(c.col, [...(byCol.get(c.col) ?? []), { row: c.row, org, key: String(c.value) }]);
    }
    for (const [col, rows] of byCol) {
      const distinct = new Set(rows.map((r) => r.org.id)).size;
      if (distinct >= 2 && distinct === rows.length && (!best || rows.length > best.rows.length)) best = { sheet, col, rows };
    }
  }
  if (!best)
    throw new AppError(
      "VALIDATION_FAILED",
      `「${file}」に回答を書き込む表が見つかりませんでした。表示されているシート（${sheets
        .filter((s) => !s.hidden)
        .map((s) => `「${s.name}」`)
        .join(
          "",
        )}）で、団体名（例：${orgs[1]?.name ?? orgs[0]?.name ?? "下関市"}）か団体コード（6桁）が2団体以上縦に並んだ列と、団体名をシート名にした団体ごとのシート（2団体以上）を探しました。様式の団体名の列に団体名をそのまま入力するか、団体ごとのシートの名前を団体名にしてから取り込んでください。`,
      { file, lookedFor: "団体名または団体コードの列", sheets: sheets.map((s) => s.name) },
    );
  const { sheet, col: keyCol } = best;
  const rows = best.rows.sort((a, b) => a.row - b.row);
  const dataRows = rows.map((r) => r.row);
  const isDataRow = new Set(dataRows);
  const first = dataRows[0]!;
  const last = dataRows.at(-1)!;
  const at = viewOf(sheet);
  const text = (row: number, col: number) => {
    const v = at(row, col)?.value;
    return v == null ? "" : String(v).trim();
  };
  const maxCol = Math.max(...sheet.cells.map((c) => c.col));
  // Header rows: the rows just above the data that carry text (up to four).
  const headerRows: number[] = [];
  for (let r = first - 1; r >= 1 && headerRows.length < 4; r--) {
    const hasText = Array.from({ length: maxCol }, (_, i) => text(r, i + 1)).some(Boolean);
    if (!hasText) break;
    headerRows.unshift(r);
  }
  const headerCells: { ref: string; text: string }[] = [];
  const columns: WorkbookColumn[] = [];
  const questions: Question[] = [];
  for (let col = 1; col <= maxCol; col++) {
    const parts: string[] = [];
    for (const r of headerRows) {
      const t = text(r, col);
      if (t && parts.at(-1) !== t) parts.push(t);
      const own = sheet.cells.find((c) => c.row === r && c.col === col);
      if (own?.value != null && String(own.value).trim())
        headerCells.push({ ref: `${colLetters(col)}${r}`, text: String(own.value).trim() });
    }
    const header = parts.join(" ").replace(/\s+/g, " ");
    if (!header || col === keyCol) continue;
    const cells = sheet.cells.filter((c) => c.col === col && isDataRow.has(c.row));
    if (cells.some((c) => c.formula)) continue; // computed by the workbook
    const filled = cells.filter((c) => c.value !== null && c.value !== "");
    if (filled.length === dataRows.length) continue; // fixed columns: names, codes, numbering
    if (filled.filter((c) => orgOfCell(c.value)).length >= 2) continue;
    const typed = typeColumn(sheet, col, dataRows, header, `col_${colLetters(col)}`);
    columns.push(typed.col);
    questions.push(typed.q);
  }
  if (!columns.length)
    throw new AppError(
      "VALIDATION_FAILED",
      `シート「${sheet.name}」の団体名の列（${colLetters(keyCol)}列）は見つかりましたが、回答を入力する空欄の列が見つかりませんでした（${headerRows.join("・") || "見出し"}行目の見出しの下で、数式でも記入済みでもない列を探しました）。`,
      { file, sheet: sheet.name },
    );
  const layout: RowsLayout = {
    sheet: sheet.name,
    part: sheet.part,
    keyCol: colLetters(keyCol),
    headerRows,
    headerCells,
    rows: rows.map((r) => ({ row: r.row, orgId: r.org.id, key: r.key })),
    columns,
    date1904: uses1904(pkg),
  };
  return {
    layout,
    questions,
    otherSheets: sheets.filter((s) => s !== sheet).map((s) => ({ name: s.name, hidden: s.hidden })),
    range: `${colLetters(keyCol)}${first}:${colLetters(Math.max(...columns.map((c) => rangeOf(`${c.col}1`).c1)))}${last}`,
  };
}
