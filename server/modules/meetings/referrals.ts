import type { z } from "zod";
import type { AgendaReferrals, referInput } from "../../../shared/api/meetings.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { visibleBody } from "../bodies/service.js";
import { orgPositionsIn, subjectOf, visibleMeeting } from "./access.js";
import { presentAgendaItem } from "./present.js";
import { insertReferral, listReferralRows } from "./referrals-repo.js";
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

/** An item the actor may see (its body is visible), with its body's standing. */
async function loadItem(ctx: Ctx, id: string) {
  const item = await findAgendaRow(ctx, id);
  if (!item) throw notFound("議題");
  try {
    return { item, body: await bodySubject(ctx, item.body_id) };
  } catch {
    throw notFound("議題");
  }
}

async function history(ctx: Ctx, id: string): Promise<AgendaReferrals> {
  const { item, body } = await loadItem(ctx, id);
  const rows = await listReferralRows(ctx, id);
  return {
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
    if (item.status !== "proposed" && item.status !== "deferred")
      throw conflict("回付できるのは、判断前の提案と延期中の議題です。");
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
