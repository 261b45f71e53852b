import type { HandoverItem } from "../../../shared/api/handover.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";

/** Published surveys (照会) an organisation still has to answer: they come with the post (人事異動). */
export async function openSurveyAnswersOf(ctx: Ctx, orgIds: string[]): Promise<HandoverItem[]> {
  if (!orgIds.length) return [];
  const rows = await ctx.db
    .selectFrom("survey_targets as t")
    .innerJoin("surveys as s", "s.id", "t.survey_id")
    .leftJoin("survey_answers as a", (j) => j.onRef("a.survey_id", "=", "t.survey_id").onRef("a.org_id", "=", "t.org_id"))
    .select(["s.id", "s.title", "s.deadline_at", "t.extended_until", "t.org_id"])
    .where("t.org_id", "in", orgIds)
    .where("s.status", "=", "published")
    .where((eb) => eb.or([eb("a.status", "is", null), eb("a.status", "!=", "submitted")]))
    .orderBy("s.deadline_at")
    .execute();
  return rows.map((r) => ({
    kind: "survey_answer",
    refId: r.id,
    title: r.title,
    due: r.extended_until ?? (r.deadline_at ? jstDate(r.deadline_at) : null),
    orgId: r.org_id,
  }));
}
