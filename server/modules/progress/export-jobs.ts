import type { ExportJob } from "../../../shared/api/progress-views.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { findFile, storeBuffer } from "../../platform/files/store.js";
import { xlsxMime } from "../../platform/files/xlsx.js";
import { enqueue } from "../../platform/jobs/queue.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { wholeProgrammeXlsx } from "./export.js";
import { findExportJob, insertExportJob, updateExportJob } from "./export-jobs-repo.js";
import { findProgramme } from "./repo.js";

/**
 * The whole programme's XLSX (1,741 municipalities × every item) is written by a background job, off
 * the request path: the request records what was asked (and the audit row), the job writes the
 * workbook sheet by sheet, noting its progress, and stores the file for the one who asked.
 */

type Row = NonNullable<Awaited<ReturnType<typeof findExportJob>>>;

const present = (r: Row): ExportJob => ({
  id: r.id,
  programmeId: r.programme_id,
  status: r.status,
  percent: r.status === "done" ? 100 : r.total ? Math.floor((r.done * 100) / r.total) : 0,
  fileName: r.status === "done" ? r.file_name : null,
  error: r.error,
  createdAt: r.created_at,
});

export async function requestProgrammeExport(ctx: Ctx, input: { programmeId: string }): Promise<ExportJob> {
  authorize(ctx.actor, "progress.export");
  const actor = ctx.actor!;
  const p = await findProgramme(ctx, input.programmeId);
  if (!p) throw notFound("取組");
  const id = newId();
  await inTx(ctx, async (tx) => {
    await insertExportJob(tx, {
      id,
      programme_id: p.id,
      requested_by: actor.userId,
      org_id: actor.orgId,
      status: "queued",
      done: 0,
      total: 0,
      file_id: null,
      error: null,
      created_at: nowIso(),
      finished_at: null,
    });
    await enqueue(tx, "progress.export", { exportId: id }, { maxAttempts: 1 });
    await recordAudit(tx, "progress.export", { type: "progress_programme", id: p.id }, { format: "xlsx", exportId: id });
  });
  return present((await findExportJob(ctx, id))!);
}

/** Only the one who asked follows and downloads an export; to another organisation it does not exist. */
async function ownJob(ctx: Ctx, id: string): Promise<Row> {
  authorize(ctx.actor, "progress.export");
  const row = await findExportJob(ctx, id);
  if (!row || row.org_id !== ctx.actor!.orgId) throw notFound("出力");
  if (row.requested_by !== ctx.actor!.userId) throw forbidden("この出力は依頼した本人だけが確認・ダウンロードできます。");
  return row;
}

export async function getExportJob(ctx: Ctx, id: string): Promise<ExportJob> {
  return present(await ownJob(ctx, id));
}

export async function exportJobFile(ctx: Ctx, id: string) {
  const row = await ownJob(ctx, id);
  const file = row.status === "done" && row.file_id ? await findFile(ctx, row.file_id) : undefined;
  if (!file) throw notFound("出力ファイル（まだ作成中か、作成に失敗しました）");
  return file;
}

/** The job: writes the workbook, noting each sheet, then stores the file and marks the export done. */
/** Writes the workbook, noting each finished sheet on the job's row (`afterSheet` lets a caller watch each note). */
export async function runExportJob(ctx: Ctx, exportId: string, afterSheet?: () => Promise<void>) {
  const row = await findExportJob(ctx, exportId);
  if (!row || row.status === "done") return;
  await updateExportJob(ctx, exportId, { status: "running", done: 0 });
  try {
    const { bytes, fileName } = await wholeProgrammeXlsx(ctx, row.programme_id, async (done, total) => {
      await updateExportJob(ctx, exportId, { done, total });
      await afterSheet?.();
    });
    await inTx(ctx, async (tx) => {
      const file = await storeBuffer(tx, fileName, xlsxMime, bytes);
      await updateExportJob(tx, exportId, { status: "done", file_id: file.id, finished_at: nowIso() });
    });
  } catch (err) {
    await updateExportJob(ctx, exportId, {
      status: "failed",
      error: "出力を作成できませんでした。もう一度お試しください。",
      finished_at: nowIso(),
    });
    throw err;
  }
}

defineJob("progress.export", (ctx, payload: { exportId: string }) => runExportJob(ctx, payload.exportId));
