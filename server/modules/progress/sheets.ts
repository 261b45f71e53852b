import { type CsvEncoding, csvBytes } from "../../platform/files/csv.js";
import { type SheetSpec, workbookBuffer } from "../../platform/files/xlsx.js";
import type { Cell } from "./cells.js";

/** Spreadsheet bytes in and out for progress: XLSX, and CSV in UTF-8 (with or without BOM) or Shift_JIS (CP932). */

export interface ProgressSheet {
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

/** The dashboard heatmap's colours (0 %, 50 %, 100 %). */
const heatStops = [
  { num: 0, argb: "FFF8CBAD" },
  { num: 50, argb: "FFFFF2CC" },
  { num: 100, argb: "FFC6E0B4" },
];

/** Writes the progress workbook through the one XLSX writer (streaming, typed cells, print setup). */
export async function writeXlsx(sheets: Iterable<ProgressSheet> | AsyncIterable<ProgressSheet>): Promise<Buffer> {
  async function* specs(): AsyncGenerator<SheetSpec> {
    for await (const s of sheets) {
      const headerRows = s.headerRows ?? 3;
      yield {
        name: s.name,
        rows: s.grid,
        headerRows,
        titleRows: 1,
        freezeCols: s.freezeCols ?? 2,
        widths: s.widths,
        lists: s.statusCols?.length
          ? [
              {
                cols: s.statusCols,
                values: ["未着手", "着手", "完了", "対象外"],
                errorTitle: "状況",
                error: "未着手・着手・完了・対象外 から選んでください",
              },
            ]
          : undefined,
        colorScales: s.pctCols?.length
          ? [{ from: s.pctCols[0]!, to: s.pctCols[s.pctCols.length - 1]!, stops: heatStops }]
          : undefined,
      };
    }
  }
  return workbookBuffer(specs());
}

/** CSV through the one writer: dates as 2026-04-01, UTF-8 with a BOM or Shift_JIS (CP932). */
export function writeCsv(grid: Cell[][], encoding: CsvEncoding) {
  return csvBytes(
    grid.map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))),
    encoding,
  );
}
