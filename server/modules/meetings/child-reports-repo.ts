import type { Ctx } from "../../platform/context.js";

/** When the body's last meeting held before `before` (an ISO instant) started; null if none. */
export async function previousMeetingStart(ctx: Ctx, bodyId: string, before: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom("meetings")
    .select("starts_at")
    .where("body_id", "=", bodyId)
    .where("status", "in", ["held", "minutes_published"])
    .where("starts_at", "<", before)
    .orderBy("starts_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.starts_at ?? null;
}

/**
 * Meetings of these bodies held (held or minutes published) from `since` (or, when null, from the start of
 * `fiscalYear`) up to `before`, earliest first, with the body's name.
 */
export function heldMeetingRows(ctx: Ctx, bodyIds: string[], w: { since: string | null; fiscalYear: number; before: string }) {
  if (!bodyIds.length) return Promise.resolve([]);
  let q = ctx.db
    .selectFrom("meetings as m")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .select(["m.id", "m.body_id", "m.fiscal_year", "m.seq", "m.subtitle", "m.starts_at", "m.disclosure", "b.name as body_name"])
    .where("m.body_id", "in", bodyIds)
    .where("m.status", "in", ["held", "minutes_published"])
    .where("m.starts_at", "<", w.before);
  q = w.since ? q.where("m.starts_at", ">=", w.since) : q.where("m.fiscal_year", "=", w.fiscalYear);
  return q.orderBy("m.starts_at").orderBy("m.id").execute();
}

/** The 部会・WG report items on a meeting's agenda (withdrawn ones aside): id and source_ref "child-report:<bodyId>". */
export const childReportItemRows = (ctx: Ctx, meetingId: string) =>
  ctx.db
    .selectFrom("agenda_items")
    .select(["id", "source_ref"])
    .where("meeting_id", "=", meetingId)
    .where("source_ref", "like", "child-report:%")
    .where("status", "!=", "withdrawn")
    .execute();

/** Holds the meeting row until the transaction ends (PostgreSQL; SQLite runs one writer at a time anyway). */
export async function lockMeeting(ctx: Ctx, id: string) {
  if (ctx.engine === "postgres") await ctx.db.selectFrom("meetings").select("id").where("id", "=", id).forUpdate().execute();
}
