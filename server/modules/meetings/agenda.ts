import type { z } from "zod";
import type {
  AgendaItem,
  agendaPatch,
  decisionInput,
  MeetingDetail,
  orderInput,
  proposalInput,
} from "../../../shared/api/meetings.js";
import { jstDate, jstTime } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import { type LoadedMeeting, visibleMeeting } from "./access.js";
import { meetingName } from "./naming.js";
import { disclosedAgenda, meetingDetail, presentAgendaItem, proposalOpen } from "./present.js";
import { notifyNewProposal } from "./proposal-notices.js";
import {
  type AgendaRow,
  findAgendaRow,
  insertAgenda,
  listAgendaRows,
  listBacklogRows,
  nextAgendaPosition,
  updateAgendaRow,
} from "./repo.js";
import { moveItemMaterials } from "./repo-files.js";
import { indexMeeting } from "./search-hook.js";

const open = (l: LoadedMeeting) => l.row.status === "draft" || l.row.status === "announced";
export function requireOpen(l: LoadedMeeting) {
  if (!open(l)) throw conflict("開催済み・中止の会議の議題は変更できません。");
}

export interface ProposalOptions {
  /** Where the proposal comes from in another module, e.g. "challenge:<id>". */
  sourceRef?: string;
}

/**
 * A member organisation proposes an agenda item (status "proposed") for the chair or the secretariat to decide.
 * Other modules call this on behalf of their user (the challenges board links a challenge this way).
 * Managers of the body may propose after the deadline; everyone else only while the window is open.
 */
export async function proposeAgendaItem(
  ctx: Ctx,
  meetingId: string,
  input: z.input<typeof proposalInput>,
  opts: ProposalOptions = {},
): Promise<AgendaItem> {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, meetingId);
    if (!can(tx.actor, "agenda.propose", loaded.subject)) {
      if (!tx.actor) authorize(null, "agenda.propose");
      throw forbidden("この会議体の構成団体ではないため、議題を提案できません。");
    }
    requireOpen(loaded);
    const manage = can(tx.actor, "meeting.manage", loaded.subject);
    if (!manage && !proposalOpen(loaded.row)) {
      const d = loaded.row.proposal_deadline;
      throw conflict(
        d
          ? `議題提案の締切（${warekiDate(jstDate(new Date(d)))} ${jstTime(d)}）を過ぎています。事務局にご相談ください。`
          : "この会議はまだ議題提案を受け付けていません。",
      );
    }
    const minutes = input.minutesRequested;
    const row = newItem(loaded, {
      title: input.title.trim(),
      purpose: input.purpose?.trim() ?? "",
      presenter: input.presenter?.trim() ?? "",
      minutes_requested: minutes,
      duration_minutes: minutes,
      status: "proposed",
      proposer_org_id: tx.actor!.orgId,
      proposed_by: tx.actor!.userId,
      source_ref: opts.sourceRef ?? null,
      position: await nextAgendaPosition(tx, meetingId),
    });
    await insertAgenda(tx, row);
    await recordAudit(tx, "agenda.propose", { type: "agenda_item", id: row.id }, { meetingId, ...input, ...opts });
    const saved = (await findAgendaRow(tx, row.id))!;
    if (!manage) await notifyNewProposal(tx, loaded, saved.title, saved.proposer_org_name ?? "");
    return presentAgendaItem(tx.actor, loaded.row, saved, loaded.subject, null);
  });
}

export function newItem(
  l: LoadedMeeting,
  f: Omit<
    AgendaRow,
    | "id"
    | "body_id"
    | "meeting_id"
    | "origin_meeting_id"
    | "decision_reason"
    | "decided_by"
    | "decided_at"
    | "created_at"
    | "updated_at"
  >,
): AgendaRow {
  const now = nowIso();
  return {
    id: newId(),
    body_id: l.row.body_id,
    meeting_id: l.row.id,
    origin_meeting_id: null,
    decision_reason: null,
    decided_by: null,
    decided_at: null,
    created_at: now,
    updated_at: now,
    ...f,
  };
}

/** The secretariat adds an item straight onto the agenda (開会、国の動向 …); it is accepted at once. */
export async function addAgendaItem(ctx: Ctx, meetingId: string, input: z.input<typeof proposalInput>): Promise<MeetingDetail> {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, meetingId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    requireOpen(loaded);
    const row = newItem(loaded, {
      title: input.title.trim(),
      purpose: input.purpose?.trim() ?? "",
      presenter: input.presenter?.trim() ?? "",
      minutes_requested: input.minutesRequested,
      duration_minutes: input.minutesRequested,
      status: "accepted",
      proposer_org_id: null,
      proposed_by: tx.actor.userId,
      source_ref: null,
      position: await nextAgendaPosition(tx, meetingId),
    });
    row.decided_by = tx.actor.userId;
    row.decided_at = row.created_at;
    await insertAgenda(tx, row);
    await recordAudit(tx, "agenda.add", { type: "agenda_item", id: row.id }, { meetingId, ...input });
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}

async function loadItem(ctx: Ctx, meetingId: string, itemId: string) {
  const loaded = await visibleMeeting(ctx, meetingId);
  const item = await findAgendaRow(ctx, itemId);
  if (!item || item.meeting_id !== meetingId) throw notFound("議題");
  return { loaded, item };
}

export async function updateAgendaItem(ctx: Ctx, meetingId: string, itemId: string, patch: z.infer<typeof agendaPatch>) {
  return inTx(ctx, async (tx) => {
    const { loaded, item } = await loadItem(tx, meetingId, itemId);
    const view = presentAgendaItem(tx.actor, loaded.row, item, loaded.subject, null);
    if (!view.abilities.canEdit) {
      authorize(tx.actor, "meeting.manage", loaded.subject);
      requireOpen(loaded);
      throw conflict("この議題は今は編集できません。");
    }
    if (patch.durationMinutes !== undefined && !can(tx.actor, "meeting.manage", loaded.subject))
      throw forbidden("時間の割り当ては事務局が行います。");
    const next: Partial<AgendaRow> = {
      title: patch.title,
      purpose: patch.purpose,
      presenter: patch.presenter,
      duration_minutes: patch.durationMinutes,
    };
    await updateAgendaRow(tx, itemId, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "agenda.update", { type: "agenda_item", id: itemId }, diff(item, next));
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}

const decisionStatus = { accept: "accepted", reject: "rejected", defer: "deferred" } as const;
const decisionWord = { accept: "採択されました", reject: "不採択となりました", defer: "次回以降の会議に延期されました" };

export async function decideAgendaItem(ctx: Ctx, meetingId: string, itemId: string, input: z.infer<typeof decisionInput>) {
  return inTx(ctx, async (tx) => {
    const { loaded, item } = await loadItem(tx, meetingId, itemId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    requireOpen(loaded);
    if (item.status === "withdrawn") throw conflict("取り下げられた議題は判断できません。");
    const status = decisionStatus[input.decision];
    const now = nowIso();
    const patch: Partial<AgendaRow> = {
      status,
      decision_reason: input.reason?.trim() || null,
      decided_by: tx.actor.userId,
      decided_at: now,
      updated_at: now,
      // A deferred item leaves the meeting for the body's backlog, which the next meeting offers again.
      ...(status === "deferred" ? { meeting_id: null, origin_meeting_id: meetingId } : {}),
    };
    await updateAgendaRow(tx, itemId, patch);
    await recordAudit(
      tx,
      `agenda.${input.decision}` as const,
      { type: "agenda_item", id: itemId },
      {
        meetingId,
        status: [item.status, status],
        reason: patch.decision_reason,
      },
    );
    if (item.proposed_by && item.proposer_org_id) {
      const name = meetingName(loaded.row, loaded.body.name);
      await notify(tx, {
        userIds: [item.proposed_by],
        category: "meeting",
        title: `議題「${item.title}」は${decisionWord[input.decision]}`,
        body: `${name}\n${patch.decision_reason ? `理由：${patch.decision_reason}` : ""}`.trim(),
        link: `/meetings/${meetingId}`,
      });
    }
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}

export async function withdrawAgendaItem(ctx: Ctx, meetingId: string, itemId: string) {
  return inTx(ctx, async (tx) => {
    const { loaded, item } = await loadItem(tx, meetingId, itemId);
    const view = presentAgendaItem(tx.actor, loaded.row, item, loaded.subject, null);
    if (!view.abilities.canWithdraw) {
      authorize(tx.actor, "agenda.propose", loaded.subject);
      if (item.proposer_org_id !== tx.actor.orgId) throw forbidden("取り下げられるのは自分の団体が提案した議題だけです。");
      throw conflict("この議題は今は取り下げられません。");
    }
    await updateAgendaRow(tx, itemId, { status: "withdrawn", updated_at: nowIso() });
    await recordAudit(
      tx,
      "agenda.withdraw",
      { type: "agenda_item", id: itemId },
      { meetingId, status: [item.status, "withdrawn"] },
    );
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}

/** Reorders the agenda: the listed items first, in the given order, then the rest as they were. */
export async function orderAgenda(ctx: Ctx, meetingId: string, input: z.infer<typeof orderInput>) {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, meetingId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    requireOpen(loaded);
    const items = await listAgendaRows(tx, meetingId);
    const known = new Set(items.map((i) => i.id));
    if (new Set(input.itemIds).size !== input.itemIds.length || input.itemIds.some((id) => !known.has(id)))
      throw invalid("並べ替える議題の指定が正しくありません。画面を再読み込みしてください。", [
        { path: "itemIds", message: "この会議の議題を重複なく指定してください" },
      ]);
    const order = [...input.itemIds, ...items.map((i) => i.id).filter((id) => !input.itemIds.includes(id))];
    for (const [i, id] of order.entries()) await updateAgendaRow(tx, id, { position: i + 1 });
    await recordAudit(tx, "agenda.order", { type: "meeting", id: meetingId }, { order });
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}

/** The body's deferred items, which this meeting may take up again. */
export async function listBacklog(ctx: Ctx, meetingId: string): Promise<{ items: AgendaItem[] }> {
  const loaded = await visibleMeeting(ctx, meetingId);
  const rows = await listBacklogRows(ctx, loaded.row.body_id);
  return {
    items: disclosedAgenda(ctx.actor, loaded.subject, rows).map((r) =>
      presentAgendaItem(ctx.actor, null, r, loaded.subject, null),
    ),
  };
}

/** Brings deferred items onto a meeting as proposals again (the series does it for all of them). */
export async function adoptBacklog(ctx: Ctx, meetingId: string, itemIds: string[] | "all") {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, meetingId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    requireOpen(loaded);
    const backlog = await listBacklogRows(tx, loaded.row.body_id);
    const chosen = itemIds === "all" ? backlog : backlog.filter((b) => itemIds.includes(b.id));
    if (itemIds !== "all" && chosen.length !== itemIds.length) throw notFound("延期中の議題");
    let pos = await nextAgendaPosition(tx, meetingId);
    for (const b of chosen) {
      await updateAgendaRow(tx, b.id, { meeting_id: meetingId, status: "proposed", position: pos++, updated_at: nowIso() });
      // The item's materials travel with it to the meeting that takes it up.
      await moveItemMaterials(tx, b.id, meetingId);
      await recordAudit(tx, "agenda.adopt", { type: "agenda_item", id: b.id }, { meetingId, from: b.origin_meeting_id });
    }
    return meetingDetail(tx, loaded);
  });
}
