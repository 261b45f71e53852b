import type { Ctx } from "../../platform/context.js";
import type { ActionItemsTable, MeetingAttendanceTable, MeetingMinutesTable } from "./tables.js";

export type AttendanceRow = MeetingAttendanceTable;
export type MinutesRow = MeetingMinutesTable;
export type ActionRow = ActionItemsTable;

export const listAttendanceRows = (ctx: Ctx, meetingId: string) =>
  ctx.db.selectFrom("meeting_attendance").selectAll().where("meeting_id", "=", meetingId).execute();

/** Inserts or updates one organisation's answer and roll. */
export async function upsertAttendance(ctx: Ctx, row: AttendanceRow) {
  const { id, meeting_id, org_id, ...rest } = row;
  await ctx.db
    .insertInto("meeting_attendance")
    .values(row)
    .onConflict((oc) => oc.columns(["meeting_id", "org_id"]).doUpdateSet(rest))
    .execute();
}

export const listMinutesRows = (ctx: Ctx, meetingId: string) =>
  ctx.db.selectFrom("meeting_minutes").selectAll().where("meeting_id", "=", meetingId).orderBy("revision", "desc").execute();

export const latestPublishedMinutes = (ctx: Ctx, meetingId: string) =>
  ctx.db
    .selectFrom("meeting_minutes")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "published")
    .orderBy("revision", "desc")
    .limit(1)
    .executeTakeFirst();

export async function insertMinutes(ctx: Ctx, row: MinutesRow) {
  await ctx.db.insertInto("meeting_minutes").values(row).execute();
}
export async function updateMinutesRow(ctx: Ctx, id: string, patch: Partial<MinutesRow>) {
  await ctx.db.updateTable("meeting_minutes").set(patch).where("id", "=", id).execute();
}

const actionSelect = (ctx: Ctx) =>
  ctx.db
    .selectFrom("action_items as x")
    .innerJoin("meetings as m", "m.id", "x.meeting_id")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .innerJoin("orgs as o", "o.id", "x.owner_org_id")
    .leftJoin("agenda_items as a", "a.id", "x.agenda_item_id")
    .selectAll("x")
    .select([
      "o.name as owner_org_name",
      "a.title as agenda_title",
      "m.body_id",
      "m.fiscal_year",
      "m.seq",
      "m.subtitle",
      "b.name as body_name",
    ]);

export type ActionWithNames = Awaited<ReturnType<ReturnType<typeof actionSelect>["execute"]>>[number];

export interface ActionFilter {
  bodyIds: string[];
  ownerOrgId?: string;
  meetingId?: string;
  status?: ActionRow["status"] | "pending";
}

export function listActionRows(ctx: Ctx, f: ActionFilter) {
  if (!f.bodyIds.length) return Promise.resolve([] as ActionWithNames[]);
  let q = actionSelect(ctx).where("m.body_id", "in", f.bodyIds);
  if (f.ownerOrgId) q = q.where("x.owner_org_id", "=", f.ownerOrgId);
  if (f.meetingId) q = q.where("x.meeting_id", "=", f.meetingId);
  if (f.status === "pending") q = q.where("x.status", "!=", "done");
  else if (f.status) q = q.where("x.status", "=", f.status);
  return q.orderBy("x.due_date").orderBy("x.created_at").execute();
}

export const findActionRow = (ctx: Ctx, id: string) => actionSelect(ctx).where("x.id", "=", id).executeTakeFirst();

export async function insertAction(ctx: Ctx, row: ActionRow) {
  await ctx.db.insertInto("action_items").values(row).execute();
}
export async function updateActionRow(ctx: Ctx, id: string, patch: Partial<ActionRow>) {
  await ctx.db.updateTable("action_items").set(patch).where("id", "=", id).execute();
}

/** Open action items due on or before `until` that have not been reminded yet (the reminder sweep). */
export const dueForReminder = (ctx: Ctx, until: string) =>
  actionSelect(ctx).where("x.status", "!=", "done").where("x.due_date", "<=", until).where("x.reminded_at", "is", null).execute();

export const findOrgRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("orgs").select(["id", "name"]).where("id", "=", id).executeTakeFirst();

/** A user with their organisation's kind, found by id or by the hash of their calendar feed token. */
export function findCalendarUser(ctx: Ctx, by: { id: string } | { tokenHash: string }) {
  const q = ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .selectAll("users")
    .select("orgs.kind as org_kind");
  return ("id" in by ? q.where("users.id", "=", by.id) : q.where("users.calendar_token", "=", by.tokenHash)).executeTakeFirst();
}

export async function setCalendarToken(ctx: Ctx, userId: string, tokenHash: string | null) {
  await ctx.db.updateTable("users").set({ calendar_token: tokenHash }).where("id", "=", userId).execute();
}
