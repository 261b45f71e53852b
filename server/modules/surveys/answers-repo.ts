import type { Ctx } from "../../platform/context.js";
import type { SurveyAnswersTable } from "./tables.js";

/** The answering organisation's name, and the first save of an answer (answers.ts; the answer rows: repo.ts). */

export const findAnsweringOrg = (ctx: Ctx, orgId: string) =>
  ctx.db.selectFrom("orgs").select(["id", "name"]).where("id", "=", orgId).executeTakeFirstOrThrow();

/** Inserts an organisation's first answer; false when another save got there first. */
export async function insertAnswerOnce(ctx: Ctx, row: SurveyAnswersTable): Promise<boolean> {
  const res = await ctx.db
    .insertInto("survey_answers")
    .values(row)
    .onConflict((oc) => oc.columns(["survey_id", "org_id"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}
