import type { Ctx } from "../../platform/context.js";

/** For agenda suggestions (insight module): required notices of a body (or of everyone) published on or before `by`. */
export function requiredNoticesFor(ctx: Ctx, bodyId: string, by: string) {
  return ctx.db
    .selectFrom("notices")
    .select(["id", "title", "body_id as bodyId", "published_at as publishedAt"])
    .where("status", "=", "published")
    .where("required", "=", 1)
    .where((eb) => eb.or([eb("body_id", "=", bodyId), eb("body_id", "is", null)]))
    .where("published_at", "<=", by)
    .orderBy("published_at")
    .execute();
}
