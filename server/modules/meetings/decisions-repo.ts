import type { Ctx } from "../../platform/context.js";

/**
 * Published minutes of these bodies' meetings (every revision, newest first per meeting), with the meeting's
 * naming fields: the register of decisions keeps the latest published revision of each meeting.
 */
export function publishedMinutesRows(ctx: Ctx, bodyIds: string[], f: { fiscalYear?: number; meetingIds?: string[] } = {}) {
  if (!bodyIds.length || f.meetingIds?.length === 0) return Promise.resolve([]);
  let q = ctx.db
    .selectFrom("meeting_minutes as mm")
    .innerJoin("meetings as m", "m.id", "mm.meeting_id")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .select(["mm.meeting_id", "mm.revision", "mm.outcomes", "m.body_id", "m.fiscal_year", "m.seq", "m.subtitle", "m.starts_at"])
    .select(["m.minutes_disclosure", "m.disclosure"])
    .select("b.name as body_name")
    .where("mm.status", "=", "published")
    .where("m.body_id", "in", bodyIds);
  if (f.fiscalYear) q = q.where("m.fiscal_year", "=", f.fiscalYear);
  if (f.meetingIds) q = q.where("m.id", "in", f.meetingIds);
  return q.orderBy("m.starts_at", "desc").orderBy("m.id").orderBy("mm.revision", "desc").execute();
}

/** Titles and agenda positions of agenda items by id. */
export type PublishedMinutesRow = Awaited<ReturnType<typeof publishedMinutesRows>>[number];

export const agendaTitles = (ctx: Ctx, ids: string[]) =>
  ids.length
    ? ctx.db.selectFrom("agenda_items").select(["id", "title", "position", "disclosure"]).where("id", "in", ids).execute()
    : Promise.resolve([]);
