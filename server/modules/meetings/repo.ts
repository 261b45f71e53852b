import type { Ctx } from "../../platform/context.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import { cachedRead } from "../../platform/db/versioned-cache.js";
import type { AgendaItemsTable, MeetingsTable } from "./tables.js";

export type MeetingRow = MeetingsTable;
export type AgendaRow = AgendaItemsTable;

export const findMeetingRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("meetings").selectAll().where("id", "=", id).executeTakeFirst();

/** The body and disclosure of each of these meetings (for the lists of things linked to meetings). */
export const meetingLevelRows = (ctx: Ctx, ids: string[]) =>
  ids.length
    ? ctx.db.selectFrom("meetings").select(["id", "body_id", "disclosure"]).where("id", "in", ids).execute()
    : Promise.resolve([]);

export interface MeetingFilter {
  bodyIds: string[];
  from?: string;
  to?: string;
  status?: MeetingRow["status"];
}

/** Meetings of the given bodies, optionally overlapping [from, to] (ISO instants), earliest first. */
const meetingList = preparedQuery((db, f: MeetingFilter) => {
  let q = db
    .selectFrom("meetings as m")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .selectAll("m")
    .select("b.name as body_name")
    .where("m.body_id", "in", f.bodyIds);
  if (f.from) q = q.where("m.ends_at", ">=", f.from);
  if (f.to) q = q.where("m.starts_at", "<", f.to);
  if (f.status) q = q.where("m.status", "=", f.status);
  return q.orderBy("m.starts_at").orderBy("m.id");
});
/** The list's rows, kept in memory while meetings and bodies are unchanged (cachedRead). */
export const listMeetingRows = (ctx: Ctx, f: MeetingFilter) =>
  f.bodyIds.length
    ? cachedRead(ctx, ["meetings", "bodies"], JSON.stringify(f), () => meetingList(ctx.db, ctx.engine, f))
    : Promise.resolve([]);

export async function insertMeeting(ctx: Ctx, row: MeetingRow) {
  await ctx.db.insertInto("meetings").values(row).execute();
}
export async function updateMeetingRow(ctx: Ctx, id: string, patch: Partial<MeetingRow>) {
  await ctx.db.updateTable("meetings").set(patch).where("id", "=", id).execute();
}

/** A body's meetings of a fiscal year that count for 第M回 (not cancelled), earliest first. */
export const yearMeetingRows = (ctx: Ctx, bodyId: string, fiscalYear: number) =>
  ctx.db
    .selectFrom("meetings")
    .select(["id", "seq", "status"])
    .where("body_id", "=", bodyId)
    .where("fiscal_year", "=", fiscalYear)
    .where("status", "!=", "cancelled")
    .orderBy("starts_at")
    .orderBy("created_at")
    .orderBy("id")
    .execute();

const agendaSelect = (ctx: Ctx) =>
  ctx.db
    .selectFrom("agenda_items as a")
    .leftJoin("orgs as o", "o.id", "a.proposer_org_id")
    .selectAll("a")
    .select("o.name as proposer_org_name");

export type AgendaWithOrg = AgendaRow & { proposer_org_name: string | null };

export const listAgendaRows = (ctx: Ctx, meetingId: string): Promise<AgendaWithOrg[]> =>
  agendaSelect(ctx).where("a.meeting_id", "=", meetingId).orderBy("a.position").orderBy("a.created_at").execute();

/** Deferred items of a body waiting for a later meeting. */
export const listBacklogRows = (ctx: Ctx, bodyId: string): Promise<AgendaWithOrg[]> =>
  agendaSelect(ctx)
    .where("a.body_id", "=", bodyId)
    .where("a.status", "=", "deferred")
    .where("a.meeting_id", "is", null)
    .orderBy("a.decided_at")
    .execute();

export const findAgendaRow = (ctx: Ctx, id: string): Promise<AgendaWithOrg | undefined> =>
  agendaSelect(ctx).where("a.id", "=", id).executeTakeFirst();

export async function insertAgenda(ctx: Ctx, row: AgendaRow) {
  await ctx.db.insertInto("agenda_items").values(row).execute();
}
export async function updateAgendaRow(ctx: Ctx, id: string, patch: Partial<AgendaRow>) {
  await ctx.db.updateTable("agenda_items").set(patch).where("id", "=", id).execute();
}
export async function nextAgendaPosition(ctx: Ctx, meetingId: string) {
  const r = await ctx.db
    .selectFrom("agenda_items")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("meeting_id", "=", meetingId)
    .executeTakeFirst();
  return Number(r?.p ?? 0) + 1;
}
