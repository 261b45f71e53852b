import type ExcelJS from "exceljs";
import { type CsvEncoding, csvBytes } from "../../platform/files/csv.js";
import { type SheetSpec, workbookBuffer } from "../../platform/files/xlsx.js";
import { type Cell, columnLetter as colLetter } from "./cells.js";

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

/** The status lists and the heat colours on a written progress sheet. */
function decorate(s: ProgressSheet, headerRows: number) {
  return (ws: ExcelJS.Worksheet, last: number) => {
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
  };
}

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
        decorate: decorate(s, headerRows),
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
