import type { z } from "zod";
import type { EngagementDetail, engagementInput, engagementPatch, engagementQuery } from "../../../shared/api/support.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, isPrefectureStaff, newId, nowIso, prefectureRoles } from "../../platform/context.js";
import { invalid, notFound } from "../../platform/errors.js";
import { abilities, authorize, can } from "../../platform/policy/authorize.js";
import { renderMarkdown } from "../../platform/text/markdown.js";
import { notify } from "../notifications/service.js";
import { findOrgRow } from "../orgs/index.js";
import { findUser } from "../users/index.js";
import "./policy.js";
import { checkProgressItems, presentProgressItems, progressAvailable } from "./progress-link.js";
import {
  commentsOf,
  type EngagementWithOrg,
  engagementsOfConsultation,
  findEngagement,
  insertEngagement,
  listEngagementRows,
  openStepStats,
  sessionStats,
  sessionsOf,
  setSpecialists,
  specialistsOf,
  stepsOf,
  updateEngagementRow,
} from "./repo.js";

async function summaries(ctx: Ctx, rows: EngagementWithOrg[]) {
  const ids = rows.map((r) => r.id);
  const [specs, sessions, steps] = await Promise.all([specialistsOf(ctx, ids), sessionStats(ctx, ids), openStepStats(ctx, ids)]);
  return rows.map((r) => {
    const s = sessions.find((x) => x.engagement_id === r.id);
    const st = steps.find((x) => x.engagement_id === r.id);
    return {
      id: r.id,
      org: { id: r.org_id, name: r.org_name },
      theme: r.theme,
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
      specialists: specs.filter((x) => x.engagement_id === r.id).map((x) => ({ id: x.id, name: x.name })),
      sessionCount: Number(s?.n ?? 0),
      lastSessionDate: (s?.last as string | null) ?? null,
      openSteps: Number(st?.n ?? 0),
      nextDue: (st?.next_due as string | null) ?? null,
    };
  });
}

export async function listEngagements(ctx: Ctx, q: z.infer<typeof engagementQuery>) {
  authorize(ctx.actor, "support.list");
  const orgId = isPrefectureStaff(ctx.actor) ? q.orgId : ctx.actor.orgId;
  const specialistId = q.specialistId === "me" ? ctx.actor.userId : q.specialistId;
  const rows = await listEngagementRows(ctx, { orgId, specialistId, status: q.status });
  return {
    items: await summaries(ctx, rows),
    abilities: { canCreate: can(ctx.actor, "support.manage"), canSeeWorkload: can(ctx.actor, "support.workload") },
  };
}

/** An engagement the actor may see, or 404 (also to other municipalities and observers). */
export async function visibleEngagement(ctx: Ctx, id: string) {
  const row = await findEngagement(ctx, id);
  if (!row || !can(ctx.actor, "support.read", row)) {
    if (!ctx.actor) authorize(ctx.actor, "support.read");
    throw notFound("伴走支援");
  }
  return row;
}

export async function getEngagement(ctx: Ctx, id: string): Promise<EngagementDetail> {
  const row = await visibleEngagement(ctx, id);
  const [[summary], sessions, steps, comments] = await Promise.all([
    summaries(ctx, [row]),
    sessionsOf(ctx, id),
    stepsOf(ctx, id),
    commentsOf(ctx, id),
  ]);
  const today = jstDate();
  return {
    ...summary!,
    goals: row.goals,
    outcome: row.outcome,
    progressItems: await presentProgressItems(ctx, row.org_id, JSON.parse(row.progress_refs) as string[]),
    progressAvailable,
    consultationId: row.consultation_id,
    sessions: sessions.map((s) => ({
      id: s.id,
      date: s.date,
      mode: s.mode,
      participants: s.participants,
      notes: s.notes,
      createdBy: s.created_by ? { id: s.created_by, name: s.creator_name ?? "" } : null,
    })),
    nextSteps: steps.map((s) => ({
      id: s.id,
      sessionId: s.session_id,
      title: s.title,
      owner: s.owner,
      dueDate: s.due_date,
      doneAt: s.done_at,
      overdue: !s.done_at && !!s.due_date && s.due_date < today,
    })),
    comments: comments.map((c) => ({
      id: c.id,
      body: c.body,
      bodyHtml: renderMarkdown(c.body),
      author: c.author_id ? { id: c.author_id, name: c.author_name ?? "", orgName: c.author_org ?? "" } : null,
      createdAt: c.created_at,
    })),
    abilities: {
      ...abilities(ctx.actor, row, {
        canEdit: "support.manage",
        canComment: "support.comment",
        canUpdateSteps: "support.updateStep",
      }),
      canLogSession: can(ctx.actor, "support.manage", row),
      canLogTime: can(ctx.actor, "support.logTime"),
    },
  };
}

/** Assigned specialists must be active prefecture staff; the supported organisation must be a municipality. */
async function checkRefs(
  ctx: Ctx,
  orgId: string,
  input: { orgId?: string; specialistIds?: string[]; progressItemIds?: string[] },
) {
  if (input.orgId) {
    const org = await findOrgRow(ctx, input.orgId);
    if (!org || !["city", "town", "village"].includes(org.kind))
      throw invalid("支援先には市町村を選んでください。", [{ path: "orgId", message: "市町村を選んでください" }]);
  }
  if (input.specialistIds?.length) {
    const users = [];
    for (const id of new Set(input.specialistIds)) {
      const user = await findUser(ctx, id);
      if (user) users.push(user);
    }
    const ok = new Set(users.filter((u) => prefectureRoles.includes(u.role) && u.status === "active").map((u) => u.id));
    if (input.specialistIds.some((id) => !ok.has(id)))
      throw invalid("担当には県の職員（専門人材・事務局・管理者）を選んでください。", [
        { path: "specialistIds", message: "県の職員を選んでください" },
      ]);
  }
  if (input.progressItemIds?.length) await checkProgressItems(ctx, orgId, input.progressItemIds);
}

export { logTime } from "./time.js";

/** Engagements grown out of a desk consultation (for its page). */
export const engagementsFromConsultation = (ctx: Ctx, consultationId: string) => engagementsOfConsultation(ctx, consultationId);

/** A new engagement; `from` links it to the desk consultation it grew out of. */
export async function createEngagement(
  ctx: Ctx,
  input: z.infer<typeof engagementInput>,
  from: { consultationId: string | null } = { consultationId: null },
) {
  authorize(ctx.actor, "support.manage");
  const id = await inTx(ctx, async (tx) => {
    await checkRefs(tx, input.orgId, input);
    const now = nowIso();
    const id = newId();
    await insertEngagement(tx, {
      id,
      org_id: input.orgId,
      theme: input.theme,
      goals: input.goals,
      start_date: input.startDate,
      end_date: input.endDate,
      status: input.status,
      outcome: input.outcome,
      progress_refs: JSON.stringify(input.progressItemIds),
      consultation_id: from.consultationId,
      created_by: tx.actor!.userId,
      created_at: now,
      updated_at: now,
    });
    await setSpecialists(tx, id, input.specialistIds);
    await recordAudit(
      tx,
      "support.create",
      { type: "supportEngagement", id },
      { orgId: input.orgId, theme: input.theme, ...(from.consultationId ? { consultationId: from.consultationId } : {}) },
    );
    await notify(tx, {
      orgIds: [input.orgId],
      category: "consultation",
      title: `伴走支援が始まります：${input.theme}`,
      body: "県の専門人材による伴走支援が登録されました。目標と日程を確認してください。",
      link: `/support/${id}`,
    });
    return id;
  });
  return getEngagement(ctx, id);
}

export async function updateEngagement(ctx: Ctx, id: string, patch: z.infer<typeof engagementPatch>) {
  await inTx(ctx, async (tx) => {
    const before = await visibleEngagement(tx, id);
    authorize(tx.actor, "support.manage", before);
    await checkRefs(tx, before.org_id, patch);
    const start = patch.startDate ?? before.start_date;
    const end = patch.endDate !== undefined ? patch.endDate : before.end_date;
    if (end && start > end)
      throw invalid("終了日は開始日以降にしてください。", [{ path: "endDate", message: "開始日以降の日付にしてください" }]);
    const next = {
      theme: patch.theme,
      goals: patch.goals,
      start_date: patch.startDate,
      end_date: patch.endDate,
      status: patch.status,
      outcome: patch.outcome,
      progress_refs: patch.progressItemIds ? JSON.stringify(patch.progressItemIds) : undefined,
    };
    await updateEngagementRow(tx, id, { ...next, updated_at: nowIso() });
    if (patch.specialistIds) await setSpecialists(tx, id, patch.specialistIds);
    await recordAudit(
      tx,
      "support.update",
      { type: "supportEngagement", id },
      { ...diff(before, next), specialistIds: patch.specialistIds },
    );
  });
  return getEngagement(ctx, id);
}
