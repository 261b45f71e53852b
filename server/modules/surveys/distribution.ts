import type { Survey } from "../../../shared/api/surveys.js";
import { warekiDateTime } from "../../../shared/dates/format.js";
import { jstDate, jstDayStart, jstTime } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { type Download, storedDownload } from "../../platform/files/download.js";
import { documentKinds } from "../../platform/files/types.js";
import type { Upload } from "../../platform/files/upload.js";
import { enqueue } from "../../platform/jobs/queue.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import { deadlineDateOf, isOpened, loadSurvey } from "./access.js";
import { getSurvey } from "./builder.js";
import {
  findSurveyFile,
  findSurveyRow,
  insertTargets,
  linkSurveyFile,
  type SurveyRow,
  unlinkSurveyFile,
  updateSurveyRow,
} from "./repo.js";
import { assertSettings } from "./settings-rules.js";
import { targetOrgIds } from "./targets-repo.js";

/** 「令和8年10月30日（金）17時」: a deadline as official mail writes it. */
export const officialDeadline = (iso: string | null) => (iso ? warekiDateTime(iso) : "未設定");

/** 「令和7年10月31日 17:00」: the deadline as people read it. */
export function deadlineLabel(iso: string | null): string {
  if (!iso) return "未設定";
  return `${warekiDate(deadlineDateOf(iso)!)} ${jstTime(iso)}`;
}

/** Tells every user of the asked organisations that the survey is open (in the caller's transaction). */
async function announce(ctx: Ctx, row: SurveyRow) {
  const targets = await targetOrgIds(ctx, row.id);
  await notify(ctx, {
    orgIds: targets.map((t) => t.org_id),
    category: "survey",
    title: `照会「${row.title}」への回答をお願いします`,
    body: `県から照会が届きました。回答期限は${deadlineLabel(row.deadline_at)}です。`,
    link: `/surveys/${row.id}`,
    mail: {
      template: "survey.request",
      vars: {
        照会名: row.title,
        内容: row.description || "（下記のページを御覧ください）",
        期限: officialDeadline(row.deadline_at),
      },
    },
  });
  await updateSurveyRow(ctx, row.id, { open_notified_at: nowIso() });
}

/** Publishes a draft: fixes the list of organisations, and notifies them now or on the opening date. */
export async function publishSurvey(ctx: Ctx, id: string): Promise<Survey> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.publish", subject);
    const targets = await assertSettings(tx, row, { publishing: true });
    const now = nowIso();
    await insertTargets(tx, id, targets, now);
    await updateSurveyRow(tx, id, { status: "published", published_at: now, updated_at: now });
    const published = { ...row, status: "published" as const };
    if (isOpened(row)) await announce(tx, published);
    else {
      // 00:00 Japan time of the opening date.
      const runAt = jstDayStart(row.opens_on!);
      await enqueue(tx, "surveys.open", { surveyId: id }, { runAt, dedupeKey: `surveys.open:${id}:${row.opens_on}` });
    }
    await recordAudit(tx, "survey.publish", { type: "survey", id }, { targets: targets.length, opensOn: row.opens_on });
    return getSurvey(tx, id);
  });
}

defineJob("surveys.open", async (ctx, payload: { surveyId: string }) => {
  await inTx(ctx, async (tx) => {
    const row = await findSurveyRow(tx, payload.surveyId);
    if (row?.status !== "published" || row.open_notified_at || (row.opens_on && row.opens_on > jstDate())) return;
    await announce(tx, row);
    await recordAudit(tx, "survey.open", { type: "survey", id: row.id });
  });
});

export async function closeSurvey(ctx: Ctx, id: string): Promise<Survey> {
  return inTx(ctx, async (tx) => {
    const { subject } = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.close", subject);
    const now = nowIso();
    await updateSurveyRow(tx, id, { status: "closed", closed_at: now, updated_at: now });
    await recordAudit(tx, "survey.close", { type: "survey", id });
    return getSurvey(tx, id);
  });
}

/** Reopens a closed survey (closed by mistake, or late corrections); answers stay as they were. */
export async function reopenSurvey(ctx: Ctx, id: string): Promise<Survey> {
  return inTx(ctx, async (tx) => {
    const { subject } = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.reopen", subject);
    await updateSurveyRow(tx, id, { status: "published", closed_at: null, updated_at: nowIso() });
    await recordAudit(tx, "survey.reopen", { type: "survey", id });
    return getSurvey(tx, id);
  });
}

/** Attachments of the instructions (the Excel or PDF a prefecture used to e-mail). */
export async function uploadAttachments(ctx: Ctx, id: string, upload: Upload): Promise<Survey> {
  return inTx(ctx, async (tx) => {
    const { subject } = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.update", subject);
    const { files } = await upload.store(tx, { kinds: documentKinds });
    const now = nowIso();
    for (const f of files) await linkSurveyFile(tx, id, f.id, null, now);
    await recordAudit(tx, "survey.attach", { type: "survey", id }, { files: files.map((f) => ({ id: f.id, name: f.name })) });
    return getSurvey(tx, id);
  });
}

export async function removeAttachment(ctx: Ctx, id: string, fileId: string): Promise<Survey> {
  return inTx(ctx, async (tx) => {
    const { subject } = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.update", subject);
    const f = await findSurveyFile(tx, id, fileId);
    if (!f || f.org_id !== null) throw notFound("添付ファイル");
    await unlinkSurveyFile(tx, id, fileId);
    await recordAudit(tx, "survey.detach", { type: "survey", id }, { fileId, name: f.name });
    return getSurvey(tx, id);
  });
}

/** A survey's attachment (anyone who sees the survey) or an answer's file (whoever may read that answer). */
export async function surveyFile(ctx: Ctx, id: string, fileId: string): Promise<Download> {
  const { subject } = await loadSurvey(ctx, id);
  const f = await findSurveyFile(ctx, id, fileId);
  if (!f) throw notFound("ファイル");
  if (f.org_id && !can(ctx.actor, "survey.readAnswer", { ...subject, orgId: f.org_id })) throw notFound("ファイル");
  return storedDownload(ctx, f, { inline: true });
}
