import type { Ctx } from "../../platform/context.js";
import type { SurveyRemindersTable } from "./tables.js";

/** The reminders of surveys: which surveys the daily run looks at, and each reminder sent, once per key. */

/** Published surveys with a deadline. */
export const publishedWithDeadline = (ctx: Ctx) =>
  ctx.db.selectFrom("surveys").selectAll().where("status", "=", "published").where("deadline_at", "is not", null).execute();

/** Records a reminder unless one with the same key was sent to the organisation; false when it was. */
export async function insertReminderOnce(ctx: Ctx, row: SurveyRemindersTable): Promise<boolean> {
  const res = await ctx.db
    .insertInto("survey_reminders")
    .values(row)
    .onConflict((oc) => oc.columns(["survey_id", "org_id", "key"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** When each organisation was last reminded about a survey. */
export const lastReminders = (ctx: Ctx, surveyId: string) =>
  ctx.db
    .selectFrom("survey_reminders")
    .select(["org_id", (eb) => eb.fn.max("sent_at").as("at")])
    .where("survey_id", "=", surveyId)
    .groupBy("org_id")
    .execute();
