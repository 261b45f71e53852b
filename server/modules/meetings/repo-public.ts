import type { Ctx } from "../../platform/context.js";

/**
 * Queries of the public council site. The rule they share with publication/rules.ts (the one place that
 * decides in code): a meeting is public when it is marked 公開, has been announced (not a draft, not
 * cancelled) and its body is open to all members.
 */
export const publicStatuses = ["announced", "held", "minutes_published"] as const;

const publicMeetings = (ctx: Ctx) =>
  ctx.db
    .selectFrom("meetings as m")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .selectAll("m")
    .select("b.name as body_name")
    .where("m.disclosure", "=", "public")
    .where("m.status", "in", publicStatuses)
    .where("b.visibility", "=", "all");

/** Published meetings, newest first; of one body when given. */
export function listPublicMeetingRows(ctx: Ctx, opts: { bodyId?: string; limit?: number } = {}) {
  let q = publicMeetings(ctx);
  if (opts.bodyId) q = q.where("m.body_id", "=", opts.bodyId);
  q = q.orderBy("m.starts_at", "desc").orderBy("m.id");
  if (opts.limit) q = q.limit(opts.limit);
  return q.execute();
}

export const findPublicMeetingRow = (ctx: Ctx, id: string) => publicMeetings(ctx).where("m.id", "=", id).executeTakeFirst();
