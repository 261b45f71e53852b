import type { Ctx } from "../../platform/context.js";

/**
 * For agenda suggestions (insight module): consultations received from `since` (inclusive) to `until`
 * (exclusive), ISO instants, counted per category and organisation. Merged duplicates are left out.
 */
export function deskCountsByCategory(ctx: Ctx, since: string, until: string) {
  return ctx.db
    .selectFrom("consultations as c")
    .innerJoin("orgs as o", "o.id", "c.org_id")
    .select(["c.category", "o.name as orgName", "o.lg_code as lgCode", (eb) => eb.fn.countAll<number>().as("n")])
    .where("c.created_at", ">=", since)
    .where("c.created_at", "<", until)
    .where("c.merged_into_id", "is", null)
    .groupBy(["c.category", "o.name", "o.lg_code"])
    .orderBy("o.lg_code")
    .execute();
}
