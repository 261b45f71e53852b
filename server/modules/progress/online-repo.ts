import type { Ctx } from "../../platform/context.js";

/** The current states of the given steps in every municipality's record (the online procedures' channel steps). */
export function readStepStates(ctx: Ctx, stepIds: string[]) {
  if (!stepIds.length) return Promise.resolve([]);
  return ctx.db
    .selectFrom("progress_step_states as s")
    .innerJoin("progress_records as r", "r.id", "s.record_id")
    .select(["r.org_id", "r.item_id", "s.status", "s.option"])
    .where("s.step_id", "in", stepIds)
    .execute();
}

/** Of the given items, those that are national target procedures. */
export async function nationalTargetItemIds(ctx: Ctx, itemIds: string[]) {
  if (!itemIds.length) return [];
  const rows = await ctx.db
    .selectFrom("progress_items")
    .select("id")
    .where("id", "in", itemIds)
    .where("national_target", "=", 1)
    .execute();
  return rows.map((r) => r.id);
}
