import { allQuestions } from "../../../shared/surveys/definition.js";
import type { Ctx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { loadForResults, resultRows } from "./results.js";

/**
 * One number question's submitted answers, per organisation (absent: no submitted number), for the
 * actors who may see the survey's results. The read other modules use (e.g. procurement's usage).
 */
export async function questionFigures(ctx: Ctx, surveyId: string, questionId: string) {
  const { loaded, filter } = await loadForResults(ctx, surveyId, { include: "submitted" });
  const question = allQuestions(loaded.def).find((q) => q.id === questionId);
  if (!question || question.kind !== "number")
    throw invalid("数値の設問を選んでください。", [{ path: "questionId", message: "この照会の数値の設問を選んでください" }]);
  const values = new Map<string, number>();
  for await (const r of resultRows(ctx, loaded, filter)) {
    const v = r.data[questionId];
    if (typeof v === "number" && Number.isFinite(v)) values.set(r.org.id, v);
  }
  return { survey: { id: loaded.row.id, title: loaded.row.title }, question: { id: question.id, title: question.title }, values };
}
