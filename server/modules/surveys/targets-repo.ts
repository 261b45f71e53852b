import type { Ctx } from "../../platform/context.js";
import { preparedQuery } from "../../platform/db/prepared.js";

/** Whom a survey asks: the organisations it may target and the asked ones with their answers' state. */

const municipalKinds = ["city", "town", "village"] as const;

/** Every municipality. */
export const municipalOrgIds = (ctx: Ctx) => ctx.db.selectFrom("orgs").select("id").where("kind", "in", municipalKinds).execute();

/** Those of the given organisations that exist (at most 500 at a time). */
export const existingOrgIds = (ctx: Ctx, ids: string[]) =>
  ctx.db.selectFrom("orgs").select("id").where("id", "in", ids).execute();

/** The municipalities that are current chair, vice chair or member of a body on `today`. */
export const bodyMunicipalityIds = (ctx: Ctx, bodyId: string, today: string) =>
  ctx.db
    .selectFrom("body_members as m")
    .innerJoin("orgs as o", "o.id", "m.org_id")
    .select("o.id")
    .distinct()
    .where("m.body_id", "=", bodyId)
    .where("m.position", "in", ["chair", "vice_chair", "member"])
    .where("o.kind", "in", municipalKinds)
    .where((eb) => eb.or([eb("m.term_end", "is", null), eb("m.term_end", ">=", today)]))
    .execute();

/** Whether a body exists. */
export const bodyExists = async (ctx: Ctx, id: string) =>
  !!(await ctx.db.selectFrom("bodies").select("id").where("id", "=", id).executeTakeFirst());

/** The asked organisations of a survey. */
export const targetOrgIds = (ctx: Ctx, surveyId: string) =>
  ctx.db.selectFrom("survey_targets").select("org_id").where("survey_id", "=", surveyId).execute();

/** How many organisations a survey asks. */
export async function countTargets(ctx: Ctx, surveyId: string): Promise<number> {
  const targets = await ctx.db
    .selectFrom("survey_targets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("survey_id", "=", surveyId)
    .executeTakeFirstOrThrow();
  return Number(targets.n);
}

/** An organisation's targets among the surveys. */
const targetsOf = preparedQuery((db, p: { surveyIds: string[]; orgId: string }) =>
  db.selectFrom("survey_targets").selectAll().where("survey_id", "in", p.surveyIds).where("org_id", "=", p.orgId),
);
export const orgTargets = (ctx: Ctx, surveyIds: string[], orgId: string) => targetsOf(ctx.db, ctx.engine, { surveyIds, orgId });

/** An organisation's answers among the surveys: their state, not their content (the list shows no answer). */
const answersOf = preparedQuery((db, p: { surveyIds: string[]; orgId: string }) =>
  db
    .selectFrom("survey_answers")
    .select(["survey_id", "status", "updated_at"])
    .where("survey_id", "in", p.surveyIds)
    .where("org_id", "=", p.orgId),
);
export const orgAnswers = (ctx: Ctx, surveyIds: string[], orgId: string) => answersOf(ctx.db, ctx.engine, { surveyIds, orgId });

/** Every asked organisation with its answer's state, for the status board and the reminders. */
export async function targetStates(ctx: Ctx, surveyId: string) {
  return ctx.db
    .selectFrom("survey_targets as t")
    .innerJoin("orgs as o", "o.id", "t.org_id")
    .leftJoin("survey_answers as a", (j) => j.onRef("a.survey_id", "=", "t.survey_id").onRef("a.org_id", "=", "t.org_id"))
    .select([
      "t.org_id",
      "t.extended_until",
      "o.name",
      "o.lg_code",
      "o.kind",
      "a.status",
      "a.updated_at",
      "a.updated_by",
      "a.submitted_at",
      "a.submitted_by",
      "a.return_comment",
      "a.checked_at",
      "a.checked_by",
    ])
    .where("t.survey_id", "=", surveyId)
    .orderBy("o.lg_code")
    .orderBy("o.name")
    .execute();
}
