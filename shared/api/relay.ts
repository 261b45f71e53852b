import { z } from "zod";
import { isoDate } from "./common.js";
import { survey, surveyPhases } from "./surveys.js";

/**
 * Contracts of the 照会 relay: a survey made from the ministry's own workbook (its input table found
 * and kept as a layout), answers uploaded as filled copies of that workbook, and the ministry's
 * workbook written back with every answer.
 */

/** One answer column of the ministry's table and the question it became. */
export const workbookColumn = z.object({
  /** Column letters, e.g. "D". */
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
export const workbookRow = z.object({ row: z.number(), orgId: z.string(), key: z.string() });

export const workbookLayout = z.object({
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
export type WorkbookLayout = z.infer<typeof workbookLayout>;

export const workbookInfo = z.object({
  fileId: z.string(),
  fileName: z.string(),
  sheet: z.string(),
  /** "B7:H25" — the data rows of the table. */
  range: z.string(),
  keyCol: z.string(),
  headerRows: z.array(z.number()),
  columns: z.array(workbookColumn),
  rows: z.array(z.object({ row: z.number(), org: z.object({ id: z.string(), name: z.string() }) })),
  /** Sheets kept as they are (notices, lists, hidden sheets). */
  otherSheets: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
});
export type WorkbookInfo = z.infer<typeof workbookInfo>;

export const workbookImportResult = z.object({ survey, workbook: workbookInfo });
export type WorkbookImportResult = z.infer<typeof workbookImportResult>;

/** What an uploaded copy changes, cell by cell, before the clerk confirms. */
export const uploadChange = z.object({
  ref: z.string(),
  questionId: z.string(),
  title: z.string(),
  before: z.string(),
  after: z.string(),
});
export const uploadPreview = z.object({
  file: z.string(),
  sheet: z.string(),
  row: z.number(),
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
export const relayListItem = relayInfo.extend({
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
