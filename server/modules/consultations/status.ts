import { consultationStatusLabels } from "../../../shared/api/consultations.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso, prefectureRoles } from "../../platform/context.js";
import { conflict, invalid } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import { findUser } from "../users/index.js";
import { refreshClock } from "./clock.js";
import { type ConsultationRow, endOpenPause, insertMessage, insertPause, updateConsultation } from "./repo.js";
import { getConsultation, visibleConsultation } from "./service.js";

type Mutable = Pick<ConsultationRow, "id" | "paused_since">;

/** Stops the clock (waiting for the municipality, or resolved until someone reopens it). */
export async function startPause(ctx: Ctx, row: Mutable, reason: "waiting" | "resolved", at: string) {
  await insertPause(ctx, { id: newId(), consultation_id: row.id, reason, started_at: at, ended_at: null });
  row.paused_since = at;
}

export async function endPause(ctx: Ctx, row: Mutable, at: string) {
  await endOpenPause(ctx, row.id, at);
  row.paused_since = null;
}

async function systemLine(ctx: Ctx, id: string, body: string, at: string) {
  await insertMessage(ctx, {
    id: newId(),
    consultation_id: id,
    author_id: ctx.actor?.userId ?? null,
    kind: "event",
    body,
    created_at: at,
  });
}

/** Assigns to a member of prefecture staff (or unassigns with null). Anyone else is refused with 400. */
export async function assignConsultation(ctx: Ctx, id: string, assigneeId: string | null) {
  await inTx(ctx, async (tx) => {
    const row = await visibleConsultation(tx, id);
    authorize(tx.actor, "consultation.assign", row);
    let name = "";
    if (assigneeId) {
      const u = await findUser(tx, assigneeId);
      if (!u || !prefectureRoles.includes(u.role) || u.status !== "active")
        throw invalid(
          "担当者には県の職員（専門人材・事務局・管理者）を選んでください。市町の職員やオブザーバーは担当者にできません。",
          [{ path: "assigneeId", message: "県の職員を選んでください" }],
        );
      name = u.name;
    }
    const now = nowIso();
    await updateConsultation(tx, id, { assignee_id: assigneeId, updated_at: now, last_activity_at: now });
    await systemLine(tx, id, assigneeId ? `担当者を${name}さんにしました。` : "担当者を外しました。", now);
    await recordAudit(tx, "consultation.assign", { type: "consultation", id }, { assigneeId: [row.assignee_id, assigneeId] });
    if (assigneeId && assigneeId !== tx.actor.userId)
      await notify(tx, {
        userIds: [assigneeId],
        category: "consultation",
        title: `相談の担当になりました：${row.subject}`,
        body: `${row.org_name}からの相談の担当者に指定されました。`,
        link: `/consultations/${id}`,
      });
  });
  return getConsultation(ctx, id);
}

const statusLine: Record<ConsultationRow["status"], string> = {
  new: "状態を「新規」に戻しました。",
  in_progress: "状態を「対応中」にしました。",
  waiting: "市町の回答待ちにしました（期限の計算は止まります）。",
  resolved: "解決済みにしました。",
  closed: "完了にしました。",
};

/** Changes the status. Staff may set any; the municipality may only close its own consultation. */
export async function changeStatus(ctx: Ctx, id: string, status: ConsultationRow["status"]) {
  await inTx(ctx, async (tx) => {
    const row = await visibleConsultation(tx, id);
    if (status === "closed") authorize(tx.actor, "consultation.close", row);
    else authorize(tx.actor, "consultation.changeStatus", row);
    if (row.status === status) throw conflict(`この相談はすでに「${consultationStatusLabels[status].ja}」です。`);
    const now = nowIso();
    const next = { ...row, status, updated_at: now, last_activity_at: now };
    if (row.paused_since) await endPause(tx, next, now);
    if (status === "resolved") next.resolved_at = now;
    else if (status !== "closed") next.resolved_at = null;
    next.closed_at = status === "closed" ? now : null;
    if (status === "waiting" || status === "resolved") await startPause(tx, next, status, now);
    await updateConsultation(tx, id, {
      status,
      resolved_at: next.resolved_at,
      closed_at: next.closed_at,
      paused_since: next.paused_since,
      updated_at: now,
      last_activity_at: now,
    });
    await refreshClock(tx, next);
    await systemLine(tx, id, statusLine[status], now);
    await recordAudit(tx, "consultation.status", { type: "consultation", id }, { status: [row.status, status] });
    if (status === "resolved" || status === "waiting")
      await notify(tx, {
        orgIds: [row.org_id],
        category: "consultation",
        title: status === "resolved" ? `相談が解決済みになりました：${row.subject}` : `県から確認事項があります：${row.subject}`,
        body:
          status === "resolved"
            ? "解決済みになりました。まだ解決していない場合は返信すると再開します。"
            : "回答をお待ちしています。",
        link: `/consultations/${id}`,
        ...(status === "waiting"
          ? {
              mail: {
                template: "desk.question" as const,
                vars: { 件名: row.subject, 内容: "　確認事項は、相談のページに記載しています。" },
              },
            }
          : {}),
      });
  });
  return getConsultation(ctx, id);
}

/**
 * Merges a duplicate into another consultation of the same organisation: the duplicate is closed
 * and points to the target; both threads say so. Different organisations are refused, since the
 * target must stay invisible to the other one.
 */
export async function mergeConsultation(ctx: Ctx, id: string, targetId: string) {
  await inTx(ctx, async (tx) => {
    const row = await visibleConsultation(tx, id);
    authorize(tx.actor, "consultation.merge", row);
    const issue = (message: string) => invalid(message, [{ path: "targetId", message }]);
    if (targetId === id) throw issue("統合先には別の相談を選んでください。");
    const target = await visibleConsultation(tx, targetId);
    if (target.org_id !== row.org_id) throw issue("統合できるのは同じ団体からの相談だけです。");
    if (target.merged_into_id) throw issue("統合先の相談はすでに別の相談に統合されています。統合後の相談を選んでください。");
    const now = nowIso();
    const next = { ...row, status: "closed" as const, closed_at: now, merged_into_id: targetId };
    if (row.paused_since) await endPause(tx, next, now);
    await updateConsultation(tx, id, {
      status: "closed",
      closed_at: now,
      merged_into_id: targetId,
      paused_since: null,
      updated_at: now,
      last_activity_at: now,
    });
    await refreshClock(tx, next);
    await systemLine(tx, id, `重複のため「${target.subject}」に統合しました。`, now);
    await systemLine(tx, targetId, `重複する相談「${row.subject}」を統合しました。`, now);
    await updateConsultation(tx, targetId, { last_activity_at: now });
    await recordAudit(tx, "consultation.merge", { type: "consultation", id }, { into: targetId });
  });
  return getConsultation(ctx, targetId);
}
