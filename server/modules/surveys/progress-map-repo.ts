import type { Ctx } from "../../platform/context.js";

/** A survey's mapping of answers onto progress items (into-progress.ts). */

export const findProgressMap = (ctx: Ctx, surveyId: string) =>
  ctx.db.selectFrom("survey_progress_maps").selectAll().where("survey_id", "=", surveyId).executeTakeFirst();

/** Saves the mapping; a new one is not applied yet, a changed one keeps when it was last applied. */
export async function upsertProgressMap(
  ctx: Ctx,
  surveyId: string,
  value: { mapping: string; updated_at: string; updated_by: string },
) {
  await ctx.db
    .insertInto("survey_progress_maps")
    .values({ survey_id: surveyId, ...value, applied_at: null, applied_by: null })
    .onConflict((oc) => oc.column("survey_id").doUpdateSet(value))
    .execute();
}

export async function markProgressMapApplied(ctx: Ctx, surveyId: string, at: string, by: string) {
  await ctx.db
    .updateTable("survey_progress_maps")
    .set({ applied_at: at, applied_by: by })
    .where("survey_id", "=", surveyId)
    .execute();
}
