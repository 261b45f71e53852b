import type { Ctx } from "../../platform/context.js";
import type { InsightDecisionsTable } from "./tables.js";

export const findSetting = (ctx: Ctx, key: string) =>
  ctx.db.selectFrom("insight_settings").selectAll().where("key", "=", key).executeTakeFirst();

export async function saveSetting(ctx: Ctx, key: string, value: string, userId: string | null, at: string) {
  await ctx.db
    .insertInto("insight_settings")
    .values({ key, value, updated_by: userId, updated_at: at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_by: userId, updated_at: at }))
    .execute();
}

/** A body's decisions on suggestions, newest first. */
export const listDecisions = (ctx: Ctx, bodyId: string) =>
  ctx.db
    .selectFrom("insight_decisions")
    .selectAll()
    .where("body_id", "=", bodyId)
    .orderBy("decided_at", "desc")
    .orderBy("id")
    .execute();

export async function insertDecision(ctx: Ctx, row: InsightDecisionsTable) {
  await ctx.db.insertInto("insight_decisions").values(row).execute();
}
