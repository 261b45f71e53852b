import type { z } from "zod";
import type { AgendaReferrals, BodyReferrals, referInput } from "../../../shared/api/meetings.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { visibleBody } from "../bodies/service.js";
import { orgPositionsIn, subjectOf, visibleMeeting } from "./access.js";
import { visibleBodies } from "./meetings.js";
import { disclosed, presentAgendaItem } from "./present.js";
import { insertReferral, listBodyReferralRows, listReferralRows } from "./referrals-repo.js";
import { findAgendaRow, updateAgendaRow } from "./repo.js";
import { indexMeeting } from "./search-hook.js";

/** A body the actor may see, with the actor's standing for the meetings policies; 404 otherwise. */
async function bodySubject(ctx: Ctx, bodyId: string) {
  let body: Awaited<ReturnType<typeof visibleBody>>;
  try {
    body = await visibleBody(ctx, bodyId);
  } catch {
    throw notFound("会議体");
  }
  return { row: body.row, subject: subjectOf(body.subject, orgPositionsIn(ctx, body.members)) };
}

/** An item the actor may see (its body is visible; a 委員限り item only for the body's members), with its body's standing. */
async function loadItem(ctx: Ctx, id: string) {
  const item = await findAgendaRow(ctx, id);
  if (!item) throw notFound("議題");
  let body: Awaited<ReturnType<typeof bodySubject>>;
  try {
    body = await bodySubject(ctx, item.body_id);
  } catch {
    throw notFound("議題");
  }
  if (!disclosed(ctx.actor, body.subject, item)) throw notFound("議題");
  return { item, body };
}

const referable = (status: string) => status === "proposed" || status === "deferred";

/** The bodies the actor runs, other than the item's own, when the actor runs that one too and the item may move. */
async function referralTargets(ctx: Ctx, item: { body_id: string; status: string }, subject: BodySubject) {
  if (!referable(item.status) || !can(ctx.actor, "meeting.manage", subject)) return [];
  return [...(await visibleBodies(ctx))]
    .filter(([id, b]) => id !== item.body_id && can(ctx.actor, "meeting.manage", b.subject))
    .map(([id, b]) => ({ id, name: b.name }));
}
type BodySubject = Awaited<ReturnType<typeof bodySubject>>["subject"];

async function history(ctx: Ctx, id: string): Promise<AgendaReferrals> {
  const { item, body } = await loadItem(ctx, id);
  const rows = await listReferralRows(ctx, id);
  return {
    targets: await referralTargets(ctx, item, body.subject),
    item: presentAgendaItem(ctx.actor, null, item, body.subject, null),
    referrals: rows.map((r) => ({
      id: r.id,
      fromBody: { id: r.from_body_id, name: r.from_name },
      fromMeetingId: r.from_meeting_id,
      toBody: { id: r.to_body_id, name: r.to_name },
      note: r.note,
      referredBy: r.user_name,
      referredAt: r.referred_at,
    })),
  };
}

export const agendaReferralHistory = history;

/**
 * Refers a proposed or deferred item to another body's backlog, where that body's next meetings can take it
 * up: the actor must run both bodies (the one it leaves and the one it joins); the move is kept as history.
 */
export async function referAgendaItem(ctx: Ctx, id: string, input: z.infer<typeof referInput>): Promise<AgendaReferrals> {
  return inTx(ctx, async (tx) => {
    const { item, body } = await loadItem(tx, id);
    authorize(tx.actor, "meeting.manage", body.subject);
    const target = await bodySubject(tx, input.bodyId);
    authorize(tx.actor, "meeting.manage", target.subject);
    if (target.row.id === item.body_id)
      throw invalid("回付先が今の会議体と同じです。別の会議体を選んでください。", [
        { path: "bodyId", message: "今の会議体とは別の会議体を選んでください" },
      ]);
    if (!referable(item.status)) throw conflict("回付できるのは、判断前の提案と延期中の議題です。");
    const meeting = item.meeting_id ? await visibleMeeting(tx, item.meeting_id) : null;
    if (meeting && meeting.row.status !== "draft" && meeting.row.status !== "announced")
      throw conflict("開催済み・中止の会議の議題は回付できません。");
    const now = nowIso();
    await insertReferral(tx, {
      id: newId(),
      agenda_item_id: id,
      from_body_id: item.body_id,
      from_meeting_id: item.meeting_id,
      to_body_id: target.row.id,
      note: input.note,
      referred_by: tx.actor.userId,
      referred_at: now,
    });
    await updateAgendaRow(tx, id, {
      body_id: target.row.id,
      meeting_id: null,
      status: "deferred",
      origin_meeting_id: item.meeting_id ?? item.origin_meeting_id,
      updated_at: now,
    });
    await recordAudit(
      tx,
      "agenda.refer",
      { type: "agenda_item", id },
      { fromBodyId: item.body_id, fromMeetingId: item.meeting_id, toBodyId: target.row.id, status: [item.status, "deferred"] },
    );
    if (meeting) await indexMeeting(tx, meeting);
    return history(tx, id);
  });
}

/** A body's referral history (received and sent); items now in a body the actor cannot see are left out. */
export async function bodyReferralHistory(ctx: Ctx, bodyId: string): Promise<BodyReferrals> {
  await bodySubject(ctx, bodyId);
  const visible = await visibleBodies(ctx);
  const rows = (await listBodyReferralRows(ctx, bodyId)).filter((r) => {
    const now = visible.get(r.item_body_id);
    return !!now && disclosed(ctx.actor, now.subject, { disclosure: r.item_disclosure });
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      item: { id: r.agenda_item_id, title: r.item_title, status: r.item_status, bodyId: r.item_body_id },
      direction: r.to_body_id === bodyId ? "received" : "sent",
      fromBody: { id: r.from_body_id, name: r.from_name },
      fromMeetingId: r.from_meeting_id,
      toBody: { id: r.to_body_id, name: r.to_name },
      note: r.note,
      referredBy: r.user_name,
      referredAt: r.referred_at,
    })),
  };
}
