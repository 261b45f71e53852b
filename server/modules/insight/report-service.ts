import type { AnnualReportJob } from "../../../shared/api/insight-report.js";
import { fiscalYearAt } from "../../../shared/dates/jst.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Actor, type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { forbidden, invalid, notFound } from "../../platform/errors.js";
import { type Download, storedDownload } from "../../platform/files/download.js";
import { findFile, storeBuffer } from "../../platform/files/store.js";
import { enqueue } from "../../platform/jobs/queue.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { reportBlocks } from "./report-blocks.js";
import { gatherAnnualReport, yearHasRecords } from "./report-data.js";
import { findReport, insertReport, updateReport } from "./report-repo.js";

/**
 * The annual report (取組状況報告) as a background job, as the whole-programme progress export does it: the
 * request checks the year and records what was asked (with the audit row), the job gathers the figures part by
 * part noting its progress, writes the DOCX and the PDF and stores both through the file store (any instance
 * serves them), for the one who asked.
 */

const docxMime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
type Row = NonNullable<Awaited<ReturnType<typeof findReport>>>;

const present = (r: Row): AnnualReportJob => ({
  id: r.id,
  fiscalYear: r.fiscal_year,
  label: fiscalYearLabel(r.fiscal_year),
  status: r.status,
  percent: r.status === "done" ? 100 : r.total ? Math.floor((r.done * 100) / r.total) : 0,
  files: { docx: r.status === "done" ? r.docx_name : null, pdf: r.status === "done" ? r.pdf_name : null },
  error: r.error,
  createdAt: r.created_at,
});

export async function requestAnnualReport(ctx: Ctx, input: { fiscalYear: number }): Promise<AnnualReportJob> {
  authorize(ctx.actor, "insight.report");
  const actor = ctx.actor!;
  const fy = input.fiscalYear;
  const label = fiscalYearLabel(fy);
  if (fy > fiscalYearAt())
    throw invalid(`${label}はまだ始まっていないため、報告書を作成できません。`, [
      { path: "fiscalYear", message: "始まっている年度を選んでください" },
    ]);
  if (!(await yearHasRecords(ctx, fy)))
    throw invalid(
      `${label}には会議・相談・伴走型支援・照会・ＦＡＱの記録がないため、報告書を作成できません。年度を確かめてください。`,
      [{ path: "fiscalYear", message: "記録のある年度を選んでください" }],
    );
  const id = newId();
  await inTx(ctx, async (tx) => {
    await insertReport(tx, {
      id,
      fiscal_year: fy,
      requested_by: actor.userId,
      status: "queued",
      done: 0,
      total: 0,
      docx_file_id: null,
      pdf_file_id: null,
      error: null,
      created_at: nowIso(),
      finished_at: null,
    });
    // The job reads as the one who asked (the meetings and bodies they may see), as they were when asking.
    await enqueue(tx, "insight.report", { reportId: id, actor }, { maxAttempts: 1 });
    await recordAudit(tx, "insight.report", { type: "insight_report", id }, { fiscalYear: fy });
  });
  return present((await findReport(ctx, id))!);
}

/** Only the one who asked follows and downloads a report. */
async function ownReport(ctx: Ctx, id: string): Promise<Row> {
  authorize(ctx.actor, "insight.report");
  const row = await findReport(ctx, id);
  if (!row) throw notFound("報告書");
  if (row.requested_by !== ctx.actor!.userId) throw forbidden("この報告書は作成を依頼した本人だけが確認・ダウンロードできます。");
  return row;
}

export const getAnnualReport = async (ctx: Ctx, id: string) => present(await ownReport(ctx, id));

export async function annualReportFile(ctx: Ctx, id: string, format: "docx" | "pdf"): Promise<Download> {
  const row = await ownReport(ctx, id);
  const fileId = row.status === "done" ? (format === "docx" ? row.docx_file_id : row.pdf_file_id) : null;
  const file = fileId ? await findFile(ctx, fileId) : undefined;
  if (!file) throw notFound("報告書のファイル（まだ作成中か、作成に失敗しました）");
  return storedDownload(ctx, file);
}

/**
 * The job: gathers the figures (noting each part), writes both files and stores them. `afterStep` lets a test
 * read the row between parts, as a second reader would.
 */
export async function runAnnualReport(ctx: Ctx, reportId: string, actor: Actor, afterStep?: () => Promise<void>) {
  const row = await findReport(ctx, reportId);
  if (!row || row.status === "done") return;
  const as: Ctx = { ...ctx, actor };
  const total = 8;
  await updateReport(ctx, reportId, { status: "running", done: 0, total });
  const step = async (done: number) => {
    await updateReport(ctx, reportId, { done });
    await afterStep?.();
  };
  try {
    const report = await gatherAnnualReport(as, row.fiscal_year, (done) => step(done));
    const blocks = reportBlocks(report);
    const { reportDocx, reportPdf } = await import("./report-files.js");
    const docx = await reportDocx(report.title, blocks);
    await step(6);
    const pdf = Buffer.from(await reportPdf(report.title, blocks));
    await step(7);
    const name = `${report.label}_取組状況報告書`;
    await inTx(ctx, async (tx) => {
      const d = await storeBuffer(tx, `${name}.docx`, docxMime, docx);
      const p = await storeBuffer(tx, `${name}.pdf`, "application/pdf", pdf);
      await updateReport(tx, reportId, {
        status: "done",
        done: total,
        docx_file_id: d.id,
        pdf_file_id: p.id,
        finished_at: nowIso(),
      });
    });
  } catch (err) {
    await updateReport(ctx, reportId, {
      status: "failed",
      error: "報告書を作成できませんでした。もう一度お試しください。",
      finished_at: nowIso(),
    });
    throw err;
  }
}

defineJob("insight.report", (ctx, payload: { reportId: string; actor: Actor }) =>
  runAnnualReport(ctx, payload.reportId, payload.actor),
);
