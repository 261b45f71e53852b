import type { z } from "zod";
import type { ActionItem, actionInput, actionPatch, actionQuery } from "../../../shared/api/meetings.js";
import { type Page, pageArray } from "../../../shared/api/paging.js";
import { addBusinessDays } from "../../../shared/dates/calendar.js";
import { jstDate, nextJstTime } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Actor, type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.js";
import { defineRecurring } from "../../platform/jobs/recurring.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import { visibleMeeting } from "./access.js";
import { visibleBodies } from "./meetings.js";
import { meetingName } from "./naming.js";
import type { MeetingSubject } from "./policy.js";
import { findAgendaRow } from "./repo.js";
import {
  type ActionRow,
  type ActionWithNames,
  dueForReminder,
  findActionRow,
  findOrgRow,
  insertAction,
  listActionRows,
  updateActionRow,
} from "./repo-follow.js";

/** How many business days before the due date the owner is reminded. */
const REMINDER_BUSINESS_DAYS = 3;

function presentAction(actor: Actor | null, r: ActionWithNames, s: MeetingSubject, today = jstDate()): ActionItem {
  const manage = can(actor, "meeting.manage", s);
  return {
    id: r.id,
    meeting: { id: r.meeting_id, name: meetingName(r, r.body_name) },
    agendaItemId: r.agenda_item_id,
    agendaTitle: r.agenda_title,
    title: r.title,
    description: r.description,
    ownerOrg: { id: r.owner_org_id, name: r.owner_org_name },
    dueDate: r.due_date,
    status: r.status,
    overdue: r.status !== "done" && r.due_date < today,
    doneAt: r.done_at,
    abilities: { canEdit: manage, canUpdateStatus: can(actor, "action.updateStatus", { ...s, ownerOrgId: r.owner_org_id }) },
  };
}

/** Action items of the meetings the actor may see; `mine` narrows to the actor's organisation's open items. */
export async function listActions(ctx: Ctx, q: z.infer<typeof actionQuery>): Promise<Page<ActionItem>> {
  const bodies = await visibleBodies(ctx);
  const mine = q.mine === "true";
  const rows = await listActionRows(ctx, {
    bodyIds: [...bodies.keys()],
    ownerOrgId: mine ? ctx.actor!.orgId : undefined,
    meetingId: q.meetingId,
    status: q.status ?? (mine ? "pending" : undefined),
  });
  return pageArray(
    rows.map((r) => presentAction(ctx.actor, r, bodies.get(r.body_id)!.subject)),
    q,
  );
}

export async function createAction(ctx: Ctx, meetingId: string, input: z.infer<typeof actionInput>): Promise<ActionItem> {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, meetingId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    if (loaded.row.status !== "held" && loaded.row.status !== "minutes_published")
      throw conflict("対応事項は会議を開催済みにしてから登録してください。");
    if (input.agendaItemId) {
      const item = await findAgendaRow(tx, input.agendaItemId);
      if (!item || item.meeting_id !== meetingId)
        throw invalid("議題が見つかりません。", [{ path: "agendaItemId", message: "この会議の議題を選んでください" }]);
    }
    const org = await findOrgRow(tx, input.ownerOrgId);
    if (!org) throw invalid("担当団体が見つかりません。", [{ path: "ownerOrgId", message: "団体を選び直してください" }]);
    const now = nowIso();
    const row: ActionRow = {
      id: newId(),
      meeting_id: meetingId,
      agenda_item_id: input.agendaItemId ?? null,
      title: input.title,
      description: input.description,
      owner_org_id: input.ownerOrgId,
      due_date: input.dueDate,
      status: "open",
      done_at: null,
      reminded_at: null,
      created_by: tx.actor.userId,
      created_at: now,
      updated_at: now,
    };
    await insertAction(tx, row);
    await recordAudit(tx, "action.create", { type: "action_item", id: row.id }, { meetingId, ...input });
    await notify(tx, {
      orgIds: [input.ownerOrgId],
      category: "meeting",
      title: `対応事項が割り当てられました：${input.title}`,
      body: `${meetingName(loaded.row, loaded.body.name)}\n期限：${warekiDate(input.dueDate)}`,
      link: "/",
    });
    return presentAction(tx.actor, (await findActionRow(tx, row.id))!, loaded.subject);
  });
}

/** The owner organisation moves the status; the secretariat may also change the title, description and due date. */
export async function updateAction(ctx: Ctx, id: string, patch: z.infer<typeof actionPatch>): Promise<ActionItem> {
  return inTx(ctx, async (tx) => {
    const before = await findActionRow(tx, id);
    if (!before) throw notFound("対応事項");
    const loaded = await visibleMeeting(tx, before.meeting_id).catch(() => {
      throw notFound("対応事項");
    });
    const s = loaded.subject;
    authorize(tx.actor, "action.updateStatus", { ...s, ownerOrgId: before.owner_org_id });
    const manage = can(tx.actor, "meeting.manage", s);
    if (!manage && (patch.title !== undefined || patch.description !== undefined || patch.dueDate !== undefined))
      throw forbidden("対応事項の内容と期限を変えられるのは事務局です。状況だけを更新してください。");
    const next: Partial<ActionRow> = {
      title: patch.title,
      description: patch.description,
      due_date: patch.dueDate,
      status: patch.status,
    };
    if (patch.status && patch.status !== before.status) next.done_at = patch.status === "done" ? nowIso() : null;
    // A new due date earns a new reminder.
    if (patch.dueDate && patch.dueDate !== before.due_date) next.reminded_at = null;
    await updateActionRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "action.update", { type: "action_item", id }, diff(before, next));
    return presentAction(tx.actor, (await findActionRow(tx, id))!, s);
  });
}

/** Reminds each owner organisation once, a few business days before the due date (or at once when already late). */
async function sendActionReminders(ctx: Ctx, today = jstDate()): Promise<number> {
  const until = addBusinessDays(today, REMINDER_BUSINESS_DAYS);
  const due = await dueForReminder(ctx, until);
  for (const r of due) {
    await inTx(ctx, async (tx) => {
      const late = r.due_date < today;
      await notify(tx, {
        orgIds: [r.owner_org_id],
        category: "meeting",
        title: `${late ? "期限を過ぎた" : "期限が近い"}対応事項：${r.title}`,
        body: `${meetingName(r, r.body_name)}\n期限：${warekiDate(r.due_date)}`,
        link: "/",
      });
      await updateActionRow(tx, r.id, { reminded_at: nowIso() });
      await recordAudit(tx, "action.remind", { type: "action_item", id: r.id }, { dueDate: r.due_date, late });
    });
  }
  return due.length;
}

export const REMINDER_JOB = "meetings.actionReminders";
defineJob(REMINDER_JOB, async (ctx) => {
  await sendActionReminders(ctx);
});
// Every morning at 08:30 Japan time, before the working day starts.
defineRecurring(REMINDER_JOB, (now) => {
  const at = nextJstTime(now, 8, 30);
  return { at, key: jstDate(at) };
});
