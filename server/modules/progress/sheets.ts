import { PassThrough } from "node:stream";
import type ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { parseCsv, toCsv } from "../../../shared/csv.js";
import { AppError } from "../../platform/errors.js";
import { exceljs } from "../../platform/lazy-libs.js";
import { type Cell, columnLetter as colLetter } from "./cells.js";

/** Spreadsheet bytes in and out: XLSX through exceljs, CSV in UTF-8 (with or without BOM) or Shift_JIS. */

export interface ReadBook {
  format: "xlsx" | "csv";
  encoding: string | null;
  sheets: { name: string; grid: Cell[][] }[];
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isCfb = (b: Buffer) => b.length > 8 && b.readUInt32BE(0) === 0xd0cf11e0;

/** Decodes CSV bytes: a UTF-8 BOM, else valid UTF-8, else Shift_JIS (Windows' cp932, as Excel writes it). */
export function decodeCsv(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString("utf8"), encoding: "UTF-8 (BOM)" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
  } catch {
    return { text: iconv.decode(bytes, "cp932"), encoding: "Shift_JIS" };
  }
}

/** What a cell holds, whatever exceljs wraps it in (formulas, rich text, hyperlinks). */
function plain(v: ExcelJS.CellValue): Cell {
  if (v == null) return null;
  if (v instanceof Date || typeof v !== "object") return v as Cell;
  if ("result" in v) return plain(v.result as ExcelJS.CellValue);
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("text" in v) return String(v.text);
  return null;
}

export async function readSpreadsheet(bytes: Buffer, fileName: string): Promise<ReadBook> {
  if (isCfb(bytes))
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Excel 97-2003 形式（.xls）は読めません。Excel で「.xlsx」形式か CSV で保存し直してください。",
    );
  if (isZip(bytes)) {
    const wb = new (await exceljs()).Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new AppError("VALIDATION_FAILED", "XLSX ファイルとして読めません。Excel で開けるか確かめてください。");
    }
    const sheets = wb.worksheets.map((ws) => {
      const grid: Cell[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(plain);
        grid[n - 1] = values;
      });
      for (let i = 0; i < grid.length; i++) grid[i] ??= [];
      return { name: ws.name, grid };
    });
    return { format: "xlsx", encoding: null, sheets };
  }
  if (bytes.includes(0)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "XLSX か CSV のファイルを選んでください。");
  const { text, encoding } = decodeCsv(bytes);
  return { format: "csv", encoding, sheets: [{ name: fileName.replace(/\.[^.]+$/, "") || "CSV", grid: parseCsv(text) }] };
}

export interface SheetSpec {
  name: string;
  grid: Cell[][];
  widths?: number[];
  /** 0-based columns whose data cells get the 未着手/着手/完了/対象外 list. */
  statusCols?: number[];
  /** 0-based columns holding percentages (0–100), coloured like the dashboard's heatmap. */
  pctCols?: number[];
  headerRows?: number;
  freezeCols?: number;
}

/** Excel forbids []:*?/\ in sheet names and caps them at 31 characters; names must be unique. */
export function sheetName(raw: string, used: Set<string>): string {
  const base = raw.replace(/[[\]:*?/\\]/g, "・").slice(0, 31);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 28)}(${i})`;
  used.add(name);
  return name;
}

/** Writes a workbook with the streaming writer, so a national export never holds every cell object at once. */
export async function writeXlsx(sheets: Iterable<SheetSpec> | AsyncIterable<SheetSpec>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const wb = new (await exceljs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for await (const s of sheets) {
    const headerRows = s.headerRows ?? 3;
    const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", xSplit: s.freezeCols ?? 2, ySplit: headerRows }] });
    ws.columns = (s.widths ?? []).map((width) => ({ width }));
    s.grid.forEach((values, r) => {
      const row = ws.addRow(values);
      if (r === 0) row.font = { bold: true, size: 12 };
      if (r === headerRows - 1) {
        row.font = { bold: true };
        row.alignment = { wrapText: true, vertical: "top" };
      }
      values.forEach((v, c) => {
        if (v instanceof Date) row.getCell(c + 1).numFmt = "yyyy-mm-dd";
      });
      row.commit();
    });
    const last = Math.max(s.grid.length, headerRows + 1);
    // The streaming writer supports data validations; its typings only omit them.
    for (const c of s.statusCols ?? [])
      (ws as unknown as { dataValidations: { add(range: string, v: unknown): void } }).dataValidations.add(
        `${colLetter(c)}${headerRows + 1}:${colLetter(c)}${last}`,
        {
          type: "list",
          allowBlank: true,
          formulae: ['"未着手,着手,完了,対象外"'],
          showErrorMessage: true,
          errorTitle: "状況",
          error: "未着手・着手・完了・対象外 から選んでください",
        },
      );
    if (s.pctCols?.length) {
      const ref = `${colLetter(s.pctCols[0]!)}${headerRows + 1}:${colLetter(s.pctCols[s.pctCols.length - 1]!)}${last}`;
      ws.addConditionalFormatting({
        ref,
        rules: [
          {
            type: "colorScale",
            priority: 1,
            cfvo: [
              { type: "num", value: 0 },
              { type: "num", value: 50 },
              { type: "num", value: 100 },
            ],
            color: [{ argb: "FFF8CBAD" }, { argb: "FFFFF2CC" }, { argb: "FFC6E0B4" }],
          },
        ],
      });
    }
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
}

/** CSV for Excel: UTF-8 with a BOM (so Excel reads it as UTF-8), or Shift_JIS on request. */
export function writeCsv(grid: Cell[][], encoding: "utf8" | "sjis"): Buffer {
  const text = toCsv(
    grid.map((r) =>
      r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "boolean" ? (v ? "1" : "0") : v)),
    ),
  );
  return encoding === "sjis" ? iconv.encode(text, "cp932") : Buffer.from(`\uFEFF${text}`, "utf8");
}
