import { PassThrough, type Writable } from "node:stream";
import { answerStatusLabels } from "../../../shared/api/surveys.js";
import type { CsvValue } from "../../../shared/csv.js";
import { jstDate, jstStamp } from "../../../shared/dates/jst.js";
import { allQuestions, type GridColumn, type GridQuestion, type Question } from "../../../shared/surveys/definition.js";
import { cellOf, headerOf } from "../../../shared/surveys/format.js";
import type { GridValue } from "../../../shared/surveys/rules.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { csvBytes, csvDownload } from "../../platform/files/csv.js";
import type { Download } from "../../platform/files/download.js";
import {
  excelDate,
  excelTime,
  type SheetSpec,
  sheetNamer,
  writeWorkbook,
  type XlsxValue,
  xlsxMime,
} from "../../platform/files/xlsx.js";
import type { LoadedSurvey } from "./access.js";
import { fileNamesOf, flatColumns, loadForResults, type ResultRow, type ResultsFilter, resultRows } from "./results.js";

const fixedHeaders = ["団体コード", "団体名", "回答状況", "提出日時", "提出者"];

/** "2025-10-30 14:05" in Japan time, for the CSV. */
const jstText = (iso: string | null) => (iso ? jstStamp(iso) : "");

const fixedCells = (r: ResultRow, time: (iso: string | null) => XlsxValue) => [
  r.org.lgCode ?? "",
  r.org.name,
  answerStatusLabels[r.status].ja,
  time(r.submittedAt),
  r.submittedBy ?? "",
];

/** An answer as a spreadsheet cell: date questions become Excel dates, numbers stay numbers. */
const xlsxCell = (q: Question | GridColumn, v: unknown, files?: Map<string, string>): XlsxValue =>
  q.kind === "date" && typeof v === "string" ? (excelDate(v) ?? v) : cellOf(q, v, files);

const exportName = (row: { title: string }, ext: string) => `${row.title}_回答_${jstDate().replaceAll("-", "")}.${ext}`;

/**
 * Writes the XLSX through the one streaming writer: the sheet 「回答」 has one row per organisation
 * (every question except grids), then one sheet per grid question, one row per organisation and grid row.
 * Sheets are written one after the other, each from its own paged read, so memory stays flat.
 */
async function writeXlsx(ctx: Ctx, loaded: LoadedSurvey, filter: ResultsFilter, out: Writable) {
  const files = await fileNamesOf(ctx, loaded.row.id);
  const questions = allQuestions(loaded.def);
  const sheetName = sheetNamer();
  const scalar = questions.filter((q) => q.kind !== "grid");
  async function* mainRows(): AsyncGenerator<XlsxValue[]> {
    yield [...fixedHeaders, ...scalar.map((q) => headerOf(q.title, q))];
    for await (const r of resultRows(ctx, loaded, filter))
      yield [...fixedCells(r, excelTime), ...scalar.map((q) => xlsxCell(q, r.data[q.id], files))];
  }
  async function* gridRows(q: GridQuestion): AsyncGenerator<XlsxValue[]> {
    yield ["団体コード", "団体名", "項目", ...q.columns.map((c) => headerOf(c.label, c))];
    for await (const r of resultRows(ctx, loaded, filter)) {
      const grid = (r.data[q.id] ?? {}) as GridValue;
      for (const gr of q.rows)
        yield [r.org.lgCode ?? "", r.org.name, gr.label, ...q.columns.map((c) => xlsxCell(c, grid[gr.id]?.[c.id]))];
    }
  }
  function* sheets(): Generator<SheetSpec> {
    yield {
      name: sheetName("回答"),
      rows: mainRows(),
      freezeCols: 2,
      widths: [...fixedHeaders, ...scalar].map((_, i) => (i < 2 ? 14 : 18)),
    };
    for (const q of questions.filter((q): q is GridQuestion => q.kind === "grid"))
      yield { name: sheetName(q.title), rows: gridRows(q), freezeCols: 3, widths: [14, 14, 16, ...q.columns.map(() => 16)] };
  }
  await writeWorkbook(out, sheets());
}

async function auditExport(ctx: Ctx, id: string, format: string, filter: ResultsFilter) {
  await inTx(ctx, (tx) => recordAudit(tx, "survey.export", { type: "survey", id }, { format, ...filter }));
}

/** The XLSX, streamed as it is written; access is checked (and audited) before the first byte. */
export async function exportXlsx(ctx: Ctx, id: string, query: ResultsFilter): Promise<Download> {
  const { loaded, filter } = await loadForResults(ctx, id, query);
  await auditExport(ctx, id, "xlsx", filter);
  const pass = new PassThrough();
  writeXlsx(ctx, loaded, filter, pass).catch((err) => pass.destroy(err));
  return { filename: exportName(loaded.row, "xlsx"), contentType: xlsxMime, body: pass };
}

/** The CSV: one row per organisation, grids spread over one column per cell; UTF-8 with BOM, or CP932 (Windows's Shift_JIS) whose unencodable characters become 〓 and are named in a header. */
export async function exportCsv(ctx: Ctx, id: string, query: ResultsFilter & { encoding: "utf8" | "sjis" }): Promise<Download> {
  const { encoding, ...rest } = query;
  const { loaded, filter } = await loadForResults(ctx, id, rest);
  await auditExport(ctx, id, `csv-${encoding}`, filter);
  const cols = flatColumns(loaded.def);
  const files = await fileNamesOf(ctx, id);
  const lines: CsvValue[][] = [[...fixedHeaders, ...cols.map((c) => c.label)]];
  for await (const r of resultRows(ctx, loaded, filter))
    lines.push([...(fixedCells(r, jstText) as CsvValue[]), ...cols.map((c) => c.cell(r.data, files))]);
  return csvDownload(csvBytes(lines, encoding), exportName(loaded.row, "csv"));
}
