import { PassThrough, type Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { jstWallClock } from "../../../shared/dates/jst.js";
import { exceljs } from "../lazy-libs.js";

/**
 * The one XLSX writer for every export. Cells keep their real types: text stays text (codes such as
 * 011002 keep their zeros), numbers are numbers, dates and timestamps are Excel dates shown in
 * Japan time. Every sheet gets a valid, unique name and the secretariat's print setup (A4 landscape,
 * fit to the page width, the header rows repeated on each page).
 */

export const xlsxMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A timestamp shown as Japan-time date and time in Excel. */
export interface XlsxTime {
  time: Date;
}
/** Text, number, boolean, date (a Date at UTC midnight: the calendar day) or timestamp. */
export type XlsxValue = string | number | boolean | Date | XlsxTime | null | undefined;

/** "2026-04-01" as an Excel date (the calendar day, whatever the server's zone). */
export function excelDate(ymd: string | null | undefined): Date | null {
  const m = ymd?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** An ISO instant as an Excel date and time in Japan time (Excel dates carry no zone: the wall clock is written). */
export function excelTime(iso: string | null | undefined): XlsxTime | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : { time: jstWallClock(t) };
}

const isTime = (v: unknown): v is XlsxTime => typeof v === "object" && v !== null && "time" in v;

/**
 * Sheet names Excel accepts: none of []:*?/\ , no U+FFFD or control characters, no ' at either end,
 * at most 31 characters, unique (Excel compares them case-insensitively), never "History".
 */
export function sheetNamer() {
  const used = new Set<string>();
  const clip = (s: string, max: number) => {
    let out = "";
    for (const ch of s) {
      if (out.length + ch.length > max) break;
      out += ch;
    }
    return out;
  };
  return (raw: string): string => {
    let base = raw
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
      .replace(/[[\]:*?/\\\ufffd\u0000-\u001f\u007f]/g, "・")
      .trim();
    base = clip(base, 31)
      .replace(/^'+|'+$/g, "")
      .trim();
    if (!base || base.toLowerCase() === "history") base = base ? `${base}_` : "Sheet";
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) {
      const suffix = `(${i})`;
      name = `${clip(base, 31 - suffix.length).replace(/'+$/, "")}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  };
}

export interface SheetSpec {
  /** Already valid and unique: make it with sheetNamer(). */
  name: string;
  rows: Iterable<XlsxValue[]> | AsyncIterable<XlsxValue[]>;
  /** The rows at the top repeated on every printed page and frozen; the last is the column header. Default 1. */
  headerRows?: number;
  /** Of the header rows, how many leading ones are titles (larger type). Default 0. */
  titleRows?: number;
  freezeCols?: number;
  widths?: number[];
  /** Excel number formats per 0-based column, for number cells (e.g. "0%", "#,##0"). */
  numFmts?: Record<number, string>;
  /** Extra parts a feature adds (lists, colour scales) once the rows are written; lastRow is 1-based. */
  decorate?: (ws: ExcelJS.Worksheet, lastRow: number) => void;
}

const printSetup = (headerRows: number): Partial<ExcelJS.PageSetup> => ({
  paperSize: 9, // A4
  orientation: "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  ...(headerRows > 0 ? { printTitlesRow: `1:${headerRows}` } : {}),
});

/** Streams a workbook to `out`, sheet after sheet and row after row, so large exports keep memory flat. */
export async function writeWorkbook(out: Writable, sheets: Iterable<SheetSpec> | AsyncIterable<SheetSpec>): Promise<void> {
  const wb = new (await exceljs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Renkei";
  for await (const s of sheets) {
    const headerRows = s.headerRows ?? 1;
    const titleRows = s.titleRows ?? 0;
    const ws = wb.addWorksheet(s.name, {
      views: [{ state: "frozen", xSplit: s.freezeCols ?? 0, ySplit: headerRows }],
      pageSetup: printSetup(headerRows),
    });
    if (s.widths) ws.columns = s.widths.map((width) => ({ width }));
    let n = 0;
    for await (const values of s.rows) {
      n++;
      const row = ws.addRow(values.map((v) => (isTime(v) ? v.time : v === undefined ? null : v)));
      if (n <= titleRows) row.font = { bold: true, size: 12 };
      else if (n <= headerRows) {
        row.font = { bold: true };
        row.alignment = { wrapText: true, vertical: "top" };
      }
      values.forEach((v, c) => {
        if (isTime(v)) row.getCell(c + 1).numFmt = "yyyy-mm-dd hh:mm";
        else if (v instanceof Date) row.getCell(c + 1).numFmt = "yyyy-mm-dd";
        else if (typeof v === "number" && s.numFmts?.[c]) row.getCell(c + 1).numFmt = s.numFmts[c]!;
      });
      row.commit();
    }
    s.decorate?.(ws, Math.max(n, headerRows + 1));
    ws.commit();
  }
  await wb.commit();
}

/** The workbook as bytes, for exports small enough to hold (reports, attendance, progress). */
export async function workbookBuffer(sheets: Iterable<SheetSpec> | AsyncIterable<SheetSpec>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await writeWorkbook(out, sheets);
  return Buffer.concat(chunks);
}
