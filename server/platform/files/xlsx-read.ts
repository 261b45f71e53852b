import type ExcelJS from "exceljs";
import { AppError } from "../errors.js";
import { exceljs } from "../lazy-libs.js";
import { checkArchive } from "./archive.js";
import { runInWorker, workerModule } from "./worker.js";

/** A cell as read: text, number, boolean, date (Excel dates come back as Dates), or empty. */
export type ReadCell = string | number | boolean | Date | null;
export interface ReadSheet {
  name: string;
  /** grid[row - 1][col - 1]; blank rows kept, so indexes are the row numbers Excel shows. */
  grid: ReadCell[][];
}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isCfb = (b: Uint8Array) => b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
/** OpenDocument keeps its type as the first, stored entry "mimetype". */
const isOds = (b: Uint8Array) =>
  Buffer.from(b.subarray(30, 120)).toString("latin1").includes("application/vnd.oasis.opendocument.spreadsheet");

export const spreadsheetKind = (b: Uint8Array): "xlsx" | "xls" | "ods" | null =>
  isCfb(b) ? "xls" : isZip(b) ? (isOds(b) ? "ods" : "xlsx") : null;

/** What a cell holds, whatever exceljs wraps it in (formulas, rich text, hyperlinks). */
function plain(v: ExcelJS.CellValue): ReadCell {
  if (v == null) return null;
  if (v instanceof Date || typeof v !== "object") return v as ReadCell;
  if ("result" in v) return plain(v.result as ExcelJS.CellValue);
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("text" in v) return String(v.text);
  return null;
}

/**
 * Runs in the worker thread: exceljs over the bytes, every sheet to a grid.
 * @public Called by name in the file worker (`runInWorker` in readXlsx), which no import shows.
 */
export async function readXlsxHere(bytes: Uint8Array): Promise<ReadSheet[]> {
  const wb = new (await exceljs()).Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError("VALIDATION_FAILED", "XLSX ファイルとして読めません。Excel で開けるか確かめてください。");
  }
  return wb.worksheets.map((ws) => {
    const grid: ReadCell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      grid[n - 1] = (row.values as ExcelJS.CellValue[]).slice(1).map(plain);
    });
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
    return { name: ws.name, grid };
  });
}

/**
 * Reads a workbook people send: .xls and ODS are refused with what to do; the archive is held to
 * its budgets first, then parsed in a worker thread with memory limits.
 */
export async function readXlsx(bytes: Buffer, file: string): Promise<ReadSheet[]> {
  refuseOtherSpreadsheets(bytes, file);
  await checkArchive(bytes, file);
  return runInWorker<ReadSheet[]>(workerModule(import.meta.url, "xlsx-read"), "readXlsxHere", [bytes], file);
}

/** .xls and ODS are refused with what to do (save as .xlsx or CSV). */
export function refuseOtherSpreadsheets(bytes: Uint8Array, file: string): void {
  const kind = spreadsheetKind(bytes);
  if (kind === "xls")
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Excel 97-2003 形式（.xls）は読めません。Excel で「.xlsx」形式か CSV で保存し直してください。",
      { file },
    );
  if (kind === "ods")
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "ODS 形式（LibreOffice Calc などの標準形式）は読めません。「名前を付けて保存」でファイルの種類を「Excel 2007-365 (.xlsx)」か「CSV」にして保存し直してください。",
      { file },
    );
}
