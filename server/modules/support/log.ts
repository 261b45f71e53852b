import type { z } from "zod";
import type { commentInput, nextStepInput, nextStepPatch, sessionInput } from "../../../shared/api/support.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, isPrefectureStaff, newId, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import {
  findNextStep,
  insertComment,
  insertNextStep,
  insertSession,
  specialistIdsOf,
  updateEngagementRow,
  updateNextStepRow,
} from "./repo.js";
import { getEngagement, visibleEngagement } from "./service.js";

async function insertSteps(ctx: Ctx, engagementId: string, sessionId: string | null, steps: z.infer<typeof nextStepInput>[]) {
  for (const s of steps)
    await insertNextStep(ctx, {
      id: newId(),
      engagement_id: engagementId,
      session_id: sessionId,
      title: s.title,
      owner: s.owner,
      due_date: s.dueDate,
      done_at: null,
      created_at: nowIso(),
    });
}

/** Logs a visit or an online session with its next steps; the municipality is told. */
export async function logSession(ctx: Ctx, engagementId: string, input: z.infer<typeof sessionInput>) {
  await inTx(ctx, async (tx) => {
    const e = await visibleEngagement(tx, engagementId);
    authorize(tx.actor, "support.manage", e);
    const id = newId();
    await insertSession(tx, {
      id,
      engagement_id: engagementId,
      date: input.date,
      mode: input.mode,
      participants: input.participants,
      notes: input.notes,
      created_by: tx.actor.userId,
      created_at: nowIso(),
    });
    await insertSteps(tx, engagementId, id, input.nextSteps);
    await updateEngagementRow(tx, engagementId, { updated_at: nowIso() });
    await recordAudit(
      tx,
      "support.logSession",
      { type: "supportEngagement", id: engagementId },
      { sessionId: id, date: input.date, nextSteps: input.nextSteps.length },
    );
    await notify(tx, {
      orgIds: [e.org_id],
      category: "consultation",
      title: `伴走支援の記録が追加されました：${e.theme}`,
      body: `${input.date}の記録と次にやること（${input.nextSteps.length}件）が登録されました。`,
      link: `/support/${engagementId}`,
    });
  });
  return getEngagement(ctx, engagementId);
}

export async function addNextStep(ctx: Ctx, engagementId: string, input: z.infer<typeof nextStepInput>) {
  await inTx(ctx, async (tx) => {
    const e = await visibleEngagement(tx, engagementId);
    authorize(tx.actor, "support.manage", e);
    await insertSteps(tx, engagementId, null, [input]);
    await recordAudit(tx, "support.addStep", { type: "supportEngagement", id: engagementId }, input);
  });
  return getEngagement(ctx, engagementId);
}

/** Ticks a next step off (or back on); the municipality may do so for its own engagement. */
export async function updateNextStep(ctx: Ctx, engagementId: string, stepId: string, patch: z.infer<typeof nextStepPatch>) {
  await inTx(ctx, async (tx) => {
    const e = await visibleEngagement(tx, engagementId);
    authorize(tx.actor, "support.updateStep", e);
    if (patch.title !== undefined || patch.dueDate !== undefined) authorize(tx.actor, "support.manage", e);
    const step = await findNextStep(tx, engagementId, stepId);
    if (!step) throw notFound("次にやること");
    const next = {
      title: patch.title,
      due_date: patch.dueDate,
      done_at: patch.done === undefined ? undefined : patch.done ? (step.done_at ?? nowIso()) : null,
    };
    await updateNextStepRow(tx, stepId, next);
    await recordAudit(tx, "support.updateStep", { type: "supportEngagement", id: engagementId }, { stepId, ...patch });
  });
  return getEngagement(ctx, engagementId);
}

/** A comment from the municipality or staff; the other side is told. */
export async function addComment(ctx: Ctx, engagementId: string, input: z.infer<typeof commentInput>) {
  await inTx(ctx, async (tx) => {
    const e = await visibleEngagement(tx, engagementId);
    authorize(tx.actor, "support.comment", e);
    const id = newId();
    await insertComment(tx, {
      id,
      engagement_id: engagementId,
      author_id: tx.actor.userId,
      body: input.body,
      created_at: nowIso(),
    });
    await recordAudit(tx, "support.comment", { type: "supportEngagement", id: engagementId }, { commentId: id });
    const staff = isPrefectureStaff(tx.actor);
    const specialists = await specialistIdsOf(tx, engagementId);
    await notify(tx, {
      ...(staff ? { orgIds: [e.org_id] } : { userIds: specialists }),
      category: "consultation",
      title: `伴走支援にコメントがありました：${e.theme}`,
      body: input.body.slice(0, 200),
      link: `/support/${engagementId}`,
    });
  });
  return getEngagement(ctx, engagementId);
}
