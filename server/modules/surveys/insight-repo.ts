import type { Ctx } from "../../platform/context.js";

/**
 * For agenda suggestions (insight module): surveys to every municipality or to a body's members whose
 * deadline fell between `from` and `to` (ISO instants), with how many target organisations submitted.
 */
export async function surveyResponseCounts(ctx: Ctx, bodyId: string, from: string, to: string) {
  const surveys = await ctx.db
    .selectFrom("surveys as s")
    .select(["s.id", "s.title", "s.deadline_at as deadlineAt"])
    .where("s.status", "in", ["published", "closed"])
    .where((eb) => eb.or([eb("s.target_mode", "=", "all"), eb("s.target_body_id", "=", bodyId)]))
    .where("s.deadline_at", ">=", from)
    .where("s.deadline_at", "<=", to)
    .orderBy("s.deadline_at")
    .execute();
  if (surveys.length === 0) return [];
  const targets = await ctx.db
    .selectFrom("survey_targets as t")
    .innerJoin("orgs as o", "o.id", "t.org_id")
    .leftJoin("survey_answers as a", (j) => j.onRef("a.survey_id", "=", "t.survey_id").onRef("a.org_id", "=", "t.org_id"))
    .select(["t.survey_id as surveyId", "o.name as orgName", "o.lg_code as lgCode", "a.status as answerStatus"])
    .where(
      "t.survey_id",
      "in",
      surveys.map((s) => s.id),
    )
    .orderBy("o.lg_code")
    .execute();
  return surveys.map((s) => {
    const mine = targets.filter((t) => t.surveyId === s.id);
    return {
      ...s,
      targets: mine.length,
      submitted: mine.filter((t) => t.answerStatus === "submitted").length,
      missing: mine.filter((t) => t.answerStatus !== "submitted").map((t) => t.orgName),
    };
  });
}

/**
 * For the support-priority radar: per organisation, survey answers that were late or never came, for surveys
 * whose deadline (or the organisation's extension) fell between `from` and `to` (ISO instants).
 */
export function radarLateAnswers(ctx: Ctx, from: string, to: string) {
  return ctx.db
    .selectFrom("survey_targets as t")
    .innerJoin("surveys as s", "s.id", "t.survey_id")
    .leftJoin("survey_answers as a", (j) => j.onRef("a.survey_id", "=", "t.survey_id").onRef("a.org_id", "=", "t.org_id"))
    .select(["t.org_id as orgId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("s.status", "in", ["published", "closed"])
    .where((eb) => eb.fn.coalesce("t.extended_until", "s.deadline_at"), ">=", from)
    .where((eb) => eb.fn.coalesce("t.extended_until", "s.deadline_at"), "<", to)
    .where((eb) =>
      eb.or([
        eb("a.status", "is", null),
        eb("a.status", "!=", "submitted"),
        eb("a.submitted_at", ">", eb.fn.coalesce("t.extended_until", "s.deadline_at")),
      ]),
    )
    .groupBy("t.org_id")
    .execute();
}

/**
 * For the annual report (insight module): every survey sent (published or closed) whose deadline fell from
 * `from` (inclusive) to `to` (exclusive), ISO instants, in deadline order, with its targets and submitted answers.
 */
export async function surveyPeriodResponses(ctx: Ctx, from: string, to: string) {
  const rows = await ctx.db
    .selectFrom("surveys as s")
    .innerJoin("survey_targets as t", "t.survey_id", "s.id")
    .leftJoin("survey_answers as a", (j) =>
      j.onRef("a.survey_id", "=", "t.survey_id").onRef("a.org_id", "=", "t.org_id").on("a.status", "=", "submitted"),
    )
    .select([
      "s.id",
      "s.title",
      "s.deadline_at as deadlineAt",
      (eb) => eb.fn.count<number>("t.org_id").as("targets"),
      (eb) => eb.fn.count<number>("a.id").as("submitted"),
    ])
    .where("s.status", "in", ["published", "closed"])
    .where("s.deadline_at", ">=", from)
    .where("s.deadline_at", "<", to)
    .groupBy(["s.id", "s.title", "s.deadline_at"])
    .orderBy("s.deadline_at")
    .orderBy("s.id")
    .execute();
  return rows.map((r) => ({ ...r, deadlineAt: r.deadlineAt!, targets: Number(r.targets), submitted: Number(r.submitted) }));
}
