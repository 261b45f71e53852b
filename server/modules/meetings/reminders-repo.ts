import type { Ctx } from "../../platform/context.js";
import type { MeetingRemindersTable } from "./tables.js";

type Kind = MeetingRemindersTable["kind"];

/**
 * Meetings whose reminder of a kind is due: announced meetings whose attendance cut-off (the start when
 * none is set) falls in (now, until]; meetings still being prepared whose proposal deadline does.
 */
export function meetingsDueForReminder(ctx: Ctx, kind: Kind, now: string, until: string) {
  const q = ctx.db
    .selectFrom("meetings as m")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .selectAll("m")
    .select("b.name as body_name");
  if (kind === "proposal")
    return q
      .where("m.status", "in", ["draft", "announced"])
      .where("m.proposal_deadline", ">", now)
      .where("m.proposal_deadline", "<=", until)
      .orderBy("m.proposal_deadline")
      .execute();
  return q
    .where("m.status", "=", "announced")
    .where((eb) => eb.fn.coalesce("m.attendance_deadline", "m.starts_at"), ">", now)
    .where((eb) => eb.fn.coalesce("m.attendance_deadline", "m.starts_at"), "<=", until)
    .orderBy("m.starts_at")
    .execute();
}

/** Organisations that have answered a meeting's attendance. */
export const answeredOrgIds = async (ctx: Ctx, meetingId: string) =>
  (
    await ctx.db
      .selectFrom("meeting_attendance")
      .select("org_id")
      .where("meeting_id", "=", meetingId)
      .where("mode", "is not", null)
      .execute()
  ).map((r) => r.org_id);

/** Organisations that have proposed an item for a meeting (whatever became of it). */
export const proposingOrgIds = async (ctx: Ctx, meetingId: string) =>
  (
    await ctx.db
      .selectFrom("agenda_items")
      .select("proposer_org_id")
      .where("meeting_id", "=", meetingId)
      .where("proposer_org_id", "is not", null)
      .execute()
  ).map((r) => r.proposer_org_id!);

/** Active people of these organisations and these people (when active), not yet reminded of this meeting for this kind. */
export async function unremindedUserIds(ctx: Ctx, meetingId: string, kind: Kind, orgIds: string[], userIds: string[]) {
  if (!orgIds.length && !userIds.length) return [];
  const rows = await ctx.db
    .selectFrom("users as u")
    .leftJoin("meeting_reminders as r", (j) =>
      j.onRef("r.user_id", "=", "u.id").on("r.meeting_id", "=", meetingId).on("r.kind", "=", kind),
    )
    .select("u.id")
    .where("u.status", "=", "active")
    .where("r.user_id", "is", null)
    .where((eb) =>
      eb.or([...(orgIds.length ? [eb("u.org_id", "in", orgIds)] : []), ...(userIds.length ? [eb("u.id", "in", userIds)] : [])]),
    )
    .orderBy("u.id")
    .execute();
  return rows.map((r) => r.id);
}

export async function insertReminders(ctx: Ctx, meetingId: string, kind: Kind, userIds: string[], sentAt: string) {
  if (!userIds.length) return;
  await ctx.db
    .insertInto("meeting_reminders")
    .values(userIds.map((user_id) => ({ meeting_id: meetingId, user_id, kind, sent_at: sentAt })))
    .execute();
}
