import { z } from "zod";
import { isoDate } from "./common.js";
import { survey, surveyPhases } from "./surveys.js";

/**
 * Contracts of the 照会 relay: a survey made from the ministry's own workbook (its input table found
 * and kept as a layout), answers uploaded as filled copies of that workbook, and the ministry's
 * workbook written back with every answer.
 */

/** One answer column of the ministry's table and the question it became. */
const workbookColumn = z.object({
  /** Column letters, e.g. "D" (in a workbook's info for a sheet per organisation: the input cell, "C6"). */
  col: z.string(),
  questionId: z.string(),
  /** The header as the workbook shows it (merged header rows joined). */
  header: z.string(),
  /** For yes/no columns: the words the workbook's list uses (はい/いいえ, 有/無, ○/×). */
  yes: z.string().optional(),
  no: z.string().optional(),
  /** Why the kind was chosen (shown to the secretariat at review). */
  reason: z.string(),
});
export type WorkbookColumn = z.infer<typeof workbookColumn>;

/** Where each organisation's row is, and how the workbook names it (its code or its name). */
const workbookRow = z.object({ row: z.number(), orgId: z.string(), key: z.string() });

/** One row per organisation in a collation table (the layout imported before `kind` existed has none). */
const workbookLayout = z.object({
  kind: z.literal("rows").optional(),
  sheet: z.string(),
  /** The sheet's part inside the XLSX ("xl/worksheets/sheet2.xml"). */
  part: z.string(),
  keyCol: z.string(),
  headerRows: z.array(z.number()),
  /** Every header cell as imported: the template check of uploads and write-back compares these. */
  headerCells: z.array(z.object({ ref: z.string(), text: z.string() })),
  rows: z.array(workbookRow),
  columns: z.array(workbookColumn),
  date1904: z.boolean(),
});
export type RowsLayout = z.infer<typeof workbookLayout>;

/** One labelled input cell of a form-style sheet and the question it became. */
const workbookField = workbookColumn.omit({ col: true }).extend({
  /** The input cell, e.g. "C5"; the same cell on every organisation's sheet. */
  ref: z.string(),
});
export type WorkbookField = z.infer<typeof workbookField>;

/** One input sheet per organisation, named after it (「下関市」「宇部市」…), all made from one template. */
const sheetsLayout = z.object({
  kind: z.literal("sheets"),
  /** The sheet the questions were read from (the first organisation's). */
  template: z.string(),
  /** The label cells of the template: the template check of uploads and write-back compares these on each sheet. */
  labelCells: z.array(z.object({ ref: z.string(), text: z.string() })),
  fields: z.array(workbookField),
  sheets: z.array(z.object({ sheet: z.string(), part: z.string(), orgId: z.string() })),
  date1904: z.boolean(),
});
export type SheetsLayout = z.infer<typeof sheetsLayout>;

export type WorkbookLayout = RowsLayout | SheetsLayout;
export const isSheetsLayout = (l: WorkbookLayout): l is SheetsLayout => l.kind === "sheets";

export const workbookInfo = z.object({
  /** One table with a row per organisation, or one sheet per organisation. */
  kind: z.enum(["rows", "sheets"]),
  fileId: z.string(),
  fileName: z.string(),
  sheet: z.string(),
  /** "B7:H25" — the data rows of the table. */
  range: z.string(),
  keyCol: z.string(),
  headerRows: z.array(z.number()),
  columns: z.array(workbookColumn),
  /** Each organisation's row (`row`), or its sheet (`sheet`, with `row` 0). */
  rows: z.array(z.object({ row: z.number(), sheet: z.string().optional(), org: z.object({ id: z.string(), name: z.string() }) })),
  /** Sheets kept as they are (notices, lists, hidden sheets). */
  otherSheets: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
});
export type WorkbookInfo = z.infer<typeof workbookInfo>;

export const workbookImportResult = z.object({ survey, workbook: workbookInfo });
export type WorkbookImportResult = z.infer<typeof workbookImportResult>;

/** What an uploaded copy changes, cell by cell, before the clerk confirms. */
const uploadChange = z.object({
  ref: z.string(),
  questionId: z.string(),
  title: z.string(),
  before: z.string(),
  after: z.string(),
});
export const uploadPreview = z.object({
  file: z.string(),
  sheet: z.string(),
  /** The organisation's row; null when it answers on a sheet of its own. */
  row: z.number().nullable(),
  /** The answer version the preview was made from: saving sends it, so a concurrent edit is a 409 as on the form. */
  version: z.number(),
  data: z.record(z.string(), z.unknown()),
  changes: z.array(uploadChange),
  /** Cells read and left as they were. */
  unchanged: z.number(),
});
export type UploadPreview = z.infer<typeof uploadPreview>;

/** The national 照会 a survey relays. The internal deadline is the survey's own (`deadlineAt`). */
export const relayInput = z.object({
  ministry: z.string().trim().min(1, "照会元の府省を入力してください").max(100, "100文字以内にしてください"),
  documentNumber: z.string().trim().max(100, "100文字以内にしてください").default(""),
  nationalDeadline: isoDate.nullable().default(null),
  contact: z.string().trim().max(500, "500文字以内にしてください").default(""),
  /** Set the survey's deadline to the proposed one (national minus five business days, 17:00). */
  applyProposedDeadline: z.boolean().default(false),
});
export type RelayInput = z.input<typeof relayInput>;

export const relayInfo = z.object({
  surveyId: z.string(),
  ministry: z.string(),
  documentNumber: z.string(),
  nationalDeadline: z.string().nullable(),
  contact: z.string(),
  fiscalYear: z.number(),
  /** The national deadline minus five business days (YYYY-MM-DD), null without one. */
  proposedDeadline: z.string().nullable(),
});
export type RelayInfo = z.infer<typeof relayInfo>;

export const relayListQuery = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100).optional() });
const relayListItem = relayInfo.extend({
  title: z.string(),
  phase: z.enum(surveyPhases),
  deadlineAt: z.string().nullable(),
  targetCount: z.number(),
  submittedCount: z.number(),
});
export const relayList = z.object({ fiscalYear: z.number(), items: z.array(relayListItem) });
export type RelayList = z.infer<typeof relayList>;

/** 確認済 for one or many submitted answers (bulk from the status board). */
export const checkInput = z.object({
  orgIds: z.array(z.uuid()).min(1, "団体を選んでください").max(5000),
  checked: z.boolean(),
});
export const checkResult = z.object({ changed: z.number() });
