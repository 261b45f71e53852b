import { z } from "zod";

/** The annual report (取組状況報告, issue 18): asked for per fiscal year, written by a background job as DOCX and PDF. */

export const annualReportInput = z.object({
  fiscalYear: z
    .number({ error: "年度を選んでください" })
    .int("年度を選んでください")
    .min(2019, "年度は令和元年度（2019年度）以降を選んでください")
    .max(2100, "年度を選んでください"),
});
const annualReportStatuses = ["queued", "running", "done", "failed"] as const;
const annualReportFormats = ["docx", "pdf"] as const;
export const annualReportJob = z.object({
  id: z.string(),
  fiscalYear: z.number(),
  /** 「令和8年度」 */
  label: z.string(),
  status: z.enum(annualReportStatuses),
  /** 0–100: parts of the report written of parts to write. */
  percent: z.number(),
  /** Set once done: the files' names, downloaded from /insight/reports/:id/docx and /pdf. */
  files: z.object({ docx: z.string().nullable(), pdf: z.string().nullable() }),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type AnnualReportJob = z.infer<typeof annualReportJob>;
export const annualReportParams = z.object({ id: z.uuid({ error: "報告書が見つかりません" }) });
export const annualReportFileParams = annualReportParams.extend({ format: z.enum(annualReportFormats) });
