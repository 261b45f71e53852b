import type { z } from "zod";
import type { resultsQuery } from "../../../shared/api/surveys.js";
import type { Ctx } from "../../platform/context.js";

/** The reads of a survey's results: the asked organisations with their answers, page by page, and the answers' files. */

/** One page of asked organisations with their answer, in local-government-code order. */
export function resultPage(
  ctx: Ctx,
  surveyId: string,
  f: Pick<z.infer<typeof resultsQuery>, "include" | "orgKind">,
  limit: number,
  offset: number,
) {
  let q = ctx.db
    .selectFrom("survey_targets as t")
    .innerJoin("orgs as o", "o.id", "t.org_id")
    .leftJoin("survey_answers as a", (j) => j.onRef("a.survey_id", "=", "t.survey_id").onRef("a.org_id", "=", "t.org_id"))
    .leftJoin("users as u", "u.id", "a.submitted_by")
    .select(["o.id", "o.name", "o.lg_code", "a.status", "a.submitted_at", "a.data", "u.name as submitted_by_name"])
    .where("t.survey_id", "=", surveyId);
  if (f.include === "submitted") q = q.where("a.status", "=", "submitted");
  if (f.orgKind) q = q.where("o.kind", "=", f.orgKind);
  return q.orderBy("o.lg_code").orderBy("o.id").limit(limit).offset(offset).execute();
}

/** The names of the files attached to the survey's answers. */
export const answerFileNames = (ctx: Ctx, surveyId: string) =>
  ctx.db
    .selectFrom("survey_files as sf")
    .innerJoin("files as f", "f.id", "sf.file_id")
    .select(["f.id", "f.name"])
    .where("sf.survey_id", "=", surveyId)
    .where("sf.org_id", "is not", null)
    .execute();
