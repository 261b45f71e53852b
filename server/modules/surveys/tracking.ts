import type { z } from "zod";
import type { AnswerStatus, BoardRow, extensionInput } from "../../../shared/api/surveys.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import { effectiveDeadline, loadSurvey } from "./access.js";
import { answerContext, getAnswer } from "./answers.js";
import { deadlineLabel, officialDeadline } from "./distribution.js";
import { insertReminderOnce, lastReminders } from "./reminders-repo.js";
import { findAnswerRow, type SurveyRow, setExtension, updateAnswerIfVersion, userNames } from "./repo.js";
import { targetStates } from "./targets-repo.js";

export async function getBoard(ctx: Ctx, id: string) {
  const { row, subject } = await loadSurvey(ctx, id);
  authorize(ctx.actor, "survey.track", subject);
  const states = await targetStates(ctx, id);
  const reminded = await lastReminders(ctx, id);
  const lastReminded = new Map(reminded.map((r) => [r.org_id, r.at as string]));
  const names = await userNames(
    ctx,
    states.flatMap((s) => [s.updated_by, s.submitted_by, s.checked_by]),
  );
  const person = (uid: string | null) => (uid ? { id: uid, name: names.get(uid) ?? "" } : null);
  const now = nowIso();
  const counts: Record<AnswerStatus, number> = { not_started: 0, draft: 0, submitted: 0, returned: 0 };
  const items: BoardRow[] = states.map((s) => {
    const status = (s.status ?? "not_started") as AnswerStatus;
    counts[status]++;
    const deadline = effectiveDeadline(row, s);
    return {
      org: { id: s.org_id, name: s.name, lgCode: s.lg_code, kind: s.kind },
      status,
      lastActivityAt: s.updated_at,
      updatedBy: person(s.updated_by),
      submittedAt: s.submitted_at,
      submittedBy: person(s.submitted_by),
      returnComment: status === "returned" ? s.return_comment : null,
      extendedUntil: s.extended_until,
      lastRemindedAt: lastReminded.get(s.org_id) ?? null,
      late: status !== "submitted" && !!deadline && now > deadline,
      checkedAt: s.checked_at,
      checkedBy: person(s.checked_by),
    };
  });
  return { items, counts, deadlineAt: row.deadline_at };
}

/** Reminds the given organisations (in the caller's transaction) and records it, so the board shows when. */
export async function sendReminder(
  ctx: Ctx,
  row: SurveyRow,
  org: { org_id: string; extended_until: string | null },
  kind: "before" | "day" | "manual",
  key: string,
): Promise<boolean> {
  const inserted = await insertReminderOnce(ctx, {
    id: newId(),
    survey_id: row.id,
    org_id: org.org_id,
    kind,
    key,
    sent_at: nowIso(),
    sent_by: ctx.actor?.userId ?? null,
  });
  if (!inserted) return false;
  const deadline = deadlineLabel(effectiveDeadline(row, org));
  await notify(ctx, {
    orgIds: [org.org_id],
    category: "survey",
    title: kind === "day" ? `【本日が回答期限です】照会「${row.title}」` : `【回答のお願い】照会「${row.title}」`,
    body: `照会「${row.title}」の回答がまだ提出されていません。回答期限は${deadline}です。`,
    link: `/surveys/${row.id}`,
    mail: { template: "survey.reminder", vars: { 照会名: row.title, 期限: officialDeadline(effectiveDeadline(row, org)) } },
  });
  return true;
}

/** The bulk "remind the late ones" button: every asked organisation that has not submitted (or those chosen). */
export async function remindLate(ctx: Ctx, id: string, orgIds?: string[]) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.track", subject);
    if (row.status !== "published") throw conflict("回答を受け付けている照会だけ督促できます。");
    const wanted = orgIds ? new Set(orgIds) : null;
    const late = (await targetStates(tx, id)).filter((s) => s.status !== "submitted" && (!wanted || wanted.has(s.org_id)));
    const key = `manual:${nowIso()}`;
    let reminded = 0;
    for (const s of late) if (await sendReminder(tx, row, s, "manual", key)) reminded++;
    await recordAudit(tx, "survey.remind", { type: "survey", id }, { orgIds: late.map((s) => s.org_id) });
    return { reminded };
  });
}

/** Returns a submitted answer for correction, with the secretariat's comment. */
export async function returnAnswer(ctx: Ctx, id: string, orgId: string, comment: string) {
  return inTx(ctx, async (tx) => {
    const a = await answerContext(tx, id, orgId);
    authorize(tx.actor, "survey.track", a.subject);
    if (a.row.status !== "published")
      throw conflict("締め切った照会の回答は差し戻せません。差し戻す場合は先に照会を再開してください。");
    const existing = await findAnswerRow(tx, id, orgId);
    if (existing?.status !== "submitted") throw conflict("提出済みの回答だけ差し戻せます。");
    const now = nowIso();
    const patch = {
      status: "returned" as const,
      returned_at: now,
      returned_by: tx.actor.userId,
      return_comment: comment,
      checked_at: null,
      checked_by: null,
    };
    if (!(await updateAnswerIfVersion(tx, existing.id, existing.version, patch)))
      throw conflict("回答が更新されました。画面を読み込み直してから、もう一度差し戻してください。");
    await notify(tx, {
      orgIds: [orgId],
      category: "survey",
      title: `照会「${a.row.title}」の回答が差し戻されました`,
      body: `事務局からのコメント：${comment}\n\n回答を修正して、もう一度提出してください。`,
      link: `/surveys/${id}`,
      mail: {
        template: "survey.returned",
        vars: {
          照会名: a.row.title,
          コメント: comment,
          期限: officialDeadline(effectiveDeadline(a.row, a.orgTarget ?? { extended_until: null })),
        },
      },
    });
    await recordAudit(tx, "surveyAnswer.return", { type: "survey", id }, { orgId, comment });
    return getAnswer(tx, id, orgId);
  });
}

/** A later deadline for one organisation (null removes the extension). */
export async function extendDeadline(ctx: Ctx, id: string, orgId: string, input: z.infer<typeof extensionInput> | null) {
  return inTx(ctx, async (tx) => {
    const a = await answerContext(tx, id, orgId);
    authorize(tx.actor, "survey.track", a.subject);
    if (a.row.status !== "published") throw conflict("回答を受け付けている照会だけ期限を延長できます。");
    const until = input ? new Date(input.until).toISOString() : null;
    if (until && until <= nowIso())
      throw invalid("延長後の期限が過去の日時です。", [{ path: "until", message: "これから先の日時を選んでください" }]);
    if (!a.orgTarget) throw notFound("回答");
    await setExtension(tx, id, orgId, until);
    if (until)
      await notify(tx, {
        orgIds: [orgId],
        category: "survey",
        title: `照会「${a.row.title}」の回答期限が延長されました`,
        body: `貴団体の回答期限を${deadlineLabel(until)}まで延長しました。`,
        link: `/surveys/${id}`,
        mail: { template: "survey.extended", vars: { 照会名: a.row.title, 期限: officialDeadline(until) } },
      });
    await recordAudit(tx, "survey.extend", { type: "survey", id }, { orgId, until });
    return getAnswer(tx, id, orgId);
  });
}
