import { PassThrough, type Writable } from "node:stream";
import type { FastifyReply } from "fastify";
import iconv from "iconv-lite";
import { answerStatusLabels } from "../../../shared/api/surveys.js";
import { toCsv } from "../../../shared/csv.js";
import { jstDate } from "../../../shared/dates/calendar.js";
import { allQuestions, type GridQuestion } from "../../../shared/surveys/definition.js";
import { cellOf, headerOf } from "../../../shared/surveys/format.js";
import type { GridValue } from "../../../shared/surveys/rules.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { contentDisposition } from "../../platform/files/http.js";
import { exceljs } from "../../platform/lazy-libs.js";
import type { LoadedSurvey } from "./access.js";
import { fileNamesOf, flatColumns, loadForResults, type ResultRow, type ResultsFilter, resultRows } from "./results.js";

/** "2025-10-30 14:05" in Japan time: what a spreadsheet user expects to read. */
const jstTime = (iso: string | null) =>
  iso ? new Date(Date.parse(iso) + 9 * 3600_000).toISOString().slice(0, 16).replace("T", " ") : "";

const fixedHeaders = ["団体コード", "団体名", "回答状況", "提出日時", "提出者"];
const fixedCells = (r: ResultRow) => [
  r.org.lgCode ?? "",
  r.org.name,
  answerStatusLabels[r.status].ja,
  jstTime(r.submittedAt),
  r.submittedBy ?? "",
];

/** Excel sheet names: at most 31 characters, none of []:*?/\ , unique in the book. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, "")
      .trim()
      .slice(0, 28) || "表";
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 27)}_${i}`;
  taken.add(name);
  return name;
}

const exportName = (row: { title: string }, ext: string) => `${row.title}_回答_${jstDate().replaceAll("-", "")}.${ext}`;

/**
 * Writes the XLSX with exceljs's streaming writer: the sheet 「回答」 has one row per organisation
 * (every question except grids), then one sheet per grid question, one row per organisation and grid row.
 * Sheets are written one after the other, each from its own paged read, so memory stays flat.
 */
export async function writeXlsx(ctx: Ctx, loaded: LoadedSurvey, filter: ResultsFilter, out: Writable) {
  const wb = new (await exceljs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Renkei";
  const files = await fileNamesOf(ctx, loaded.row.id);
  const questions = allQuestions(loaded.def);
  const taken = new Set<string>(["回答"]);
  const main = wb.addWorksheet("回答", { views: [{ state: "frozen", xSplit: 2, ySplit: 1 }] });
  const scalar = questions.filter((q) => q.kind !== "grid");
  main.columns = [...fixedHeaders, ...scalar.map((q) => headerOf(q.title, q))].map((header, i) => ({
    header,
    width: i < 2 ? 14 : 18,
  }));
  main.getRow(1).font = { bold: true };
  for await (const r of resultRows(ctx, loaded, filter))
    main.addRow([...fixedCells(r), ...scalar.map((q) => cellOf(q, r.data[q.id], files))]).commit();
  main.commit();
  for (const q of questions.filter((q): q is GridQuestion => q.kind === "grid")) {
    const ws = wb.addWorksheet(sheetName(q.title, taken), { views: [{ state: "frozen", xSplit: 3, ySplit: 1 }] });
    ws.columns = ["団体コード", "団体名", "項目", ...q.columns.map((c) => headerOf(c.label, c))].map((header) => ({
      header,
      width: 16,
    }));
    ws.getRow(1).font = { bold: true };
    for await (const r of resultRows(ctx, loaded, filter)) {
      const grid = (r.data[q.id] ?? {}) as GridValue;
      for (const gr of q.rows)
        ws.addRow([r.org.lgCode ?? "", r.org.name, gr.label, ...q.columns.map((c) => cellOf(c, grid[gr.id]?.[c.id]))]).commit();
    }
    ws.commit();
  }
  await wb.commit();
}

async function auditExport(ctx: Ctx, id: string, format: string, filter: ResultsFilter) {
  await inTx(ctx, (tx) => recordAudit(tx, "survey.export", { type: "survey", id }, { format, ...filter }));
}

/** Streams the XLSX to the client; access is checked (and audited) before the first byte. */
export async function sendXlsx(reply: FastifyReply, ctx: Ctx, id: string, query: ResultsFilter) {
  const { loaded, filter } = await loadForResults(ctx, id, query);
  await auditExport(ctx, id, "xlsx", filter);
  const pass = new PassThrough();
  writeXlsx(ctx, loaded, filter, pass).catch((err) => pass.destroy(err));
  return reply
    .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("content-disposition", contentDisposition(exportName(loaded.row, "xlsx")))
    .header("cache-control", "private, no-store")
    .send(pass);
}

/** The CSV: one row per organisation, grids spread over one column per cell; UTF-8 with BOM or Shift_JIS. */
export async function sendCsv(reply: FastifyReply, ctx: Ctx, id: string, query: ResultsFilter & { encoding: "utf8" | "sjis" }) {
  const { encoding, ...rest } = query;
  const { loaded, filter } = await loadForResults(ctx, id, rest);
  await auditExport(ctx, id, `csv-${encoding}`, filter);
  const cols = flatColumns(loaded.def);
  const files = await fileNamesOf(ctx, id);
  const lines: (string | number | null)[][] = [[...fixedHeaders, ...cols.map((c) => c.label)]];
  for await (const r of resultRows(ctx, loaded, filter))
    lines.push([...fixedCells(r), ...cols.map((c) => c.cell(r.data, files))]);
  const text = toCsv(lines);
  // Shift_JIS cannot hold every character (e.g. 髙, emoji): iconv-lite writes "?" for those, as Excel would.
  const body = encoding === "sjis" ? iconv.encode(text, "Shift_JIS") : Buffer.from(`\uFEFF${text}`, "utf8");
  return reply
    .header("content-type", `text/csv; charset=${encoding === "sjis" ? "Shift_JIS" : "utf-8"}`)
    .header("content-disposition", contentDisposition(exportName(loaded.row, "csv")))
    .header("cache-control", "private, no-store")
    .send(body);
}
