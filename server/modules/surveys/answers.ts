import type { Answer, AnswerInput, AnswerStatus } from "../../../shared/api/surveys.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { type AnswerData, checkAnswers, cleanAnswers } from "../../../shared/surveys/rules.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { AppError, invalid, notFound } from "../../platform/errors.js";
import { documentKinds, type FileKind } from "../../platform/files/types.js";
import type { Upload } from "../../platform/files/upload.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import { effectiveDeadline, isOpened, type LoadedSurvey, loadSurvey } from "./access.js";
import { findAnsweringOrg, insertAnswerOnce } from "./answers-repo.js";
import { deadlineLabel, officialDeadline } from "./distribution.js";
import type { AnswerSubject } from "./policy.js";
import {
  type AnswerRow,
  findAnswerRow,
  findTarget,
  linkSurveyFile,
  listSurveyFiles,
  type SurveyRow,
  type TargetRow,
  updateAnswerIfVersion,
  userNames,
} from "./repo.js";

export interface AnswerContext extends LoadedSurvey {
  orgTarget: TargetRow;
  answerSubject: AnswerSubject;
}

/** Loads the survey and checks the actor may read this organisation's answer; another organisation's answer is a 404. */
export async function answerContext(ctx: Ctx, id: string, orgId: string): Promise<AnswerContext> {
  const loaded = await loadSurvey(ctx, id);
  const orgTarget = orgId === ctx.actor!.orgId ? loaded.target : await findTarget(ctx, id, orgId);
  const answerSubject = { ...loaded.subject, orgId };
  if (!orgTarget || !can(ctx.actor, "survey.readAnswer", answerSubject)) throw notFound("回答");
  return { ...loaded, orgTarget, answerSubject };
}

/** Why this answer cannot be changed now (Japanese, for the person), or null. */
export function lockReason(row: SurveyRow, target: TargetRow, answer: Pick<AnswerRow, "status"> | undefined, now = new Date()) {
  if (row.status === "closed") return "この照会は締め切られたため、回答を変更できません。";
  if (row.status !== "published") return "この照会はまだ公開されていません。";
  if (!isOpened(row, now)) return `回答の受付は${warekiDate(row.opens_on!)}からです。`;
  // A returned answer is the secretariat asking for a correction: it may be resubmitted while the survey is open.
  if (answer?.status === "returned") return null;
  const deadline = effectiveDeadline(row, target);
  if (deadline && now.toISOString() > deadline)
    return `回答期限（${deadlineLabel(deadline)}）を過ぎたため、回答を変更できません。期限の延長が必要な場合は事務局に連絡してください。`;
  if (answer?.status === "submitted" && row.allow_edit_after_submit !== 1)
    return "提出済みです。この照会は提出後の修正を受け付けていません。修正が必要な場合は事務局に差戻しを依頼してください。";
  return null;
}

async function presentAnswer(ctx: Ctx, a: AnswerContext, row: AnswerRow | undefined): Promise<Answer> {
  const orgId = a.answerSubject.orgId;
  const org = await findAnsweringOrg(ctx, orgId);
  const names = await userNames(ctx, [row?.updated_by ?? null, row?.submitted_by ?? null]);
  const person = (id: string | null | undefined) => (id ? { id, name: names.get(id) ?? "" } : null);
  const data = row ? (JSON.parse(row.data) as AnswerData) : {};
  const files = await listSurveyFiles(ctx, a.row.id, orgId);
  const reason = lockReason(a.row, a.orgTarget, row);
  const mayAnswer = can(ctx.actor, "survey.answer", a.answerSubject);
  return {
    surveyId: a.row.id,
    org,
    status: (row?.status ?? "not_started") as AnswerStatus,
    data,
    version: row?.version ?? 0,
    updatedAt: row?.updated_at ?? null,
    updatedBy: person(row?.updated_by),
    submittedAt: row?.submitted_at ?? null,
    submittedBy: person(row?.submitted_by),
    returnComment: row?.return_comment ?? null,
    returnedAt: row?.returned_at ?? null,
    deadlineAt: effectiveDeadline(a.row, a.orgTarget),
    extendedUntil: a.orgTarget.extended_until,
    files: files.map((f) => ({ id: f.id, name: f.name, size: f.size, mime: f.mime })),
    issues: row?.status === "submitted" ? [] : checkAnswers(a.def, data, { submit: true }).problems,
    lockReason: mayAnswer ? reason : null,
    abilities: { canEdit: mayAnswer && !reason, canSubmit: mayAnswer && !reason },
  };
}

export async function getAnswer(ctx: Ctx, id: string, orgId: string): Promise<Answer> {
  const a = await answerContext(ctx, id, orgId);
  return presentAnswer(ctx, a, await findAnswerRow(ctx, id, orgId));
}

/** 409 with the answer as it is now on the server, so the person can compare and nothing typed is lost. */
async function stale(ctx: Ctx, a: AnswerContext): Promise<AppError> {
  const current = await findAnswerRow(ctx, a.row.id, a.answerSubject.orgId);
  const names = await userNames(ctx, [current?.updated_by ?? null]);
  const who = current?.updated_by ? `${names.get(current.updated_by)}さん` : "ほかの人";
  return new AppError(
    "CONFLICT",
    `${who}がこの回答を先に保存しました。あなたの入力は消えていません。最新の内容と見比べて反映してから、もう一度保存してください。`,
    { current: await presentAnswer(ctx, a, current) },
  );
}

const changedKeys = (before: AnswerData, after: AnswerData) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .slice(0, 100);

/**
 * Saves the organisation's answer as a draft, or submits it. `input.version` is the version the
 * editor started from: if someone saved in between, nothing is written and a 409 says so.
 */
export async function saveAnswer(ctx: Ctx, id: string, orgId: string, input: AnswerInput, submit: boolean): Promise<Answer> {
  return inTx(ctx, async (tx) => {
    const a = await answerContext(tx, id, orgId);
    authorize(tx.actor, "survey.answer", a.answerSubject);
    const existing = await findAnswerRow(tx, id, orgId);
    const reason = lockReason(a.row, a.orgTarget, existing);
    if (reason) throw new AppError("FORBIDDEN", reason, { reason: "locked" });
    if ((existing?.version ?? 0) !== input.version) throw await stale(tx, a);
    const fileIds = new Set((await listSurveyFiles(tx, id, orgId)).map((f) => f.id));
    const check = checkAnswers(a.def, input.data, { submit, fileIds });
    if (check.shape.length) throw invalid("回答の内容を確認してください。", check.shape);
    if (submit && check.problems.length) throw invalid("提出する前に次の点を直してください。", check.problems);
    const data = submit ? cleanAnswers(a.def, input.data) : input.data;
    const now = nowIso();
    const userId = tx.actor.userId;
    const patch: Partial<AnswerRow> = {
      data: JSON.stringify(data),
      updated_at: now,
      updated_by: userId,
      // Editing a submitted answer makes it a draft again until it is resubmitted; a returned one stays returned.
      status: submit ? "submitted" : existing?.status === "returned" ? "returned" : "draft",
      // A changed answer is no longer the one the secretariat checked.
      checked_at: null,
      checked_by: null,
      ...(submit ? { submitted_at: now, submitted_by: userId } : {}),
    };
    if (!existing) {
      const row: AnswerRow = { ...emptyAnswer(id, orgId, now), ...patch };
      if (!(await insertAnswerOnce(tx, row))) throw await stale(tx, a);
    } else if (!(await updateAnswerIfVersion(tx, existing.id, existing.version, patch))) throw await stale(tx, a);
    const before = existing ? (JSON.parse(existing.data) as AnswerData) : {};
    await recordAudit(
      tx,
      submit ? "surveyAnswer.submit" : "surveyAnswer.save",
      { type: "survey", id },
      {
        orgId,
        version: input.version + 1,
        changed: changedKeys(before, data),
      },
    );
    if (submit)
      await notify(tx, {
        userIds: [userId],
        category: "survey",
        title: `照会「${a.row.title}」の回答を受け付けました`,
        body: `${deadlineLabel(now)}に受け付けました。御回答ありがとうございました。`,
        link: `/surveys/${id}`,
        mail: { template: "survey.thanks", vars: { 照会名: a.row.title, 提出日時: officialDeadline(now) } },
      });
    return presentAnswer(tx, a, await findAnswerRow(tx, id, orgId));
  });
}

const emptyAnswer = (surveyId: string, orgId: string, now: string): AnswerRow => ({
  id: newId(),
  survey_id: surveyId,
  org_id: orgId,
  version: 1,
  created_at: now,
  status: "draft",
  data: "{}",
  updated_at: now,
  updated_by: null,
  submitted_at: null,
  submitted_by: null,
  returned_at: null,
  returned_by: null,
  return_comment: null,
  checked_at: null,
  checked_by: null,
});

/** What an answer may attach: documents plus ZIP (a set of forms). */
const answerFileKinds: FileKind[] = [...documentKinds, "zip"];

/** Uploads files for a file question; the answer points to them once it is saved. */
export async function uploadAnswerFiles(ctx: Ctx, id: string, orgId: string, upload: Upload) {
  return inTx(ctx, async (tx) => {
    const a = await answerContext(tx, id, orgId);
    authorize(tx.actor, "survey.answer", a.answerSubject);
    const reason = lockReason(a.row, a.orgTarget, await findAnswerRow(tx, id, orgId));
    if (reason) throw new AppError("FORBIDDEN", reason, { reason: "locked" });
    const { files } = await upload.store(tx, { kinds: answerFileKinds });
    if (!files.length) throw invalid("ファイルを選んでください。", [{ path: "file", message: "ファイルを選んでください" }]);
    const now = nowIso();
    for (const f of files) await linkSurveyFile(tx, id, f.id, orgId, now);
    await recordAudit(
      tx,
      "surveyAnswer.upload",
      { type: "survey", id },
      { orgId, files: files.map((f) => ({ id: f.id, name: f.name })) },
    );
    return { items: files.map((f) => ({ id: f.id, name: f.name, size: f.size, mime: f.mime })) };
  });
}
