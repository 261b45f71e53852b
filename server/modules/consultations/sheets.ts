import { csvBytes, csvValue } from "../../platform/files/csv.js";
import { sheetNamer, workbookBuffer, type XlsxValue, xlsxMime } from "../../platform/files/xlsx.js";

export type Cell = XlsxValue;
export interface Sheet {
  name: string;
  rows: Cell[][];
}

/**
 * One export in the format asked for: XLSX with one worksheet per table (typed cells, print setup),
 * or CSV (UTF-8 with BOM, which Excel opens as UTF-8) with the tables one after another, each under its name.
 * Both go through the one writers, which keep a subject typed as "=…" from ever running as a formula.
 */
export async function renderSheets(
  sheets: Sheet[],
  format: "csv" | "xlsx",
): Promise<{ data: Buffer; mime: string; ext: string }> {
  if (format === "csv") {
    const rows: Cell[][] = [];
    sheets.forEach((s, i) => {
      if (sheets.length > 1) rows.push(...(i ? [[]] : []), [`【${s.name}】`]);
      rows.push(...s.rows);
    });
    const file = csvBytes(rows.map((r) => r.map(csvValue)));
    return { data: file.bytes, mime: file.mime, ext: "csv" };
  }
  const name = sheetNamer();
  const data = await workbookBuffer(sheets.map((s) => ({ name: name(s.name), rows: s.rows, widths: s.rows[0]?.map(() => 16) })));
  return { data, mime: xlsxMime, ext: "xlsx" };
}
