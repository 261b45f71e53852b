import { toCsv } from "../../../shared/csv.js";
import { exceljs } from "../../platform/lazy-libs.js";

export type Cell = string | number | null;
export interface Sheet {
  name: string;
  rows: Cell[][];
}

/** Cells that Excel would run as a formula (=, +, -, @) are prefixed with ' so a typed subject stays text. */
const safe = (v: Cell): Cell => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/**
 * One export in the format asked for: XLSX with one worksheet per table, or CSV (UTF-8 with BOM,
 * which Excel opens as UTF-8) with the tables one after another, each under its name.
 */
export async function renderSheets(
  sheets: Sheet[],
  format: "csv" | "xlsx",
): Promise<{ data: Buffer; mime: string; ext: string }> {
  if (format === "csv") {
    const rows: Cell[][] = [];
    sheets.forEach((s, i) => {
      if (sheets.length > 1) rows.push(...(i ? [[]] : []), [`【${s.name}】`]);
      rows.push(...s.rows.map((r) => r.map(safe)));
    });
    return { data: Buffer.from(`\uFEFF${toCsv(rows)}`, "utf8"), mime: "text/csv; charset=utf-8", ext: "csv" };
  }
  const book = new (await exceljs()).Workbook();
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name.slice(0, 31));
    for (const r of s.rows) ws.addRow(r.map(safe));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    ws.columns.forEach((c) => {
      c.width = 16;
    });
  }
  const data = Buffer.from(await book.xlsx.writeBuffer());
  return { data, mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx" };
}
