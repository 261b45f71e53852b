import type { z } from "zod";
import type { usageFromProgressInput, usageFromSurveyInput } from "../../../shared/api/procurement.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { monthsInFiscalYear } from "../../../shared/procurement/allocation.js";
import type { Ctx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { metricFigures } from "../progress/index.js";
import { questionFigures } from "../surveys/index.js";
import { visibleScenario } from "./access.js";
import type { ParticipantRow } from "./repo.js";
import { setUsage } from "./scenarios.js";

/** A figure as the usage field takes it: at most three decimals, no exponent. */
const usageText = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, ""));

/** The draft the actor may edit, with the participants of its fiscal year (who need a figure). */
async function editable(ctx: Ctx, scenarioId: string) {
  const { scenario, participants, subject } = await visibleScenario(ctx, scenarioId);
  authorize(ctx.actor, "procurement.edit", subject);
  return participants.filter((p) => monthsInFiscalYear(scenario.fiscal_year, p.join_date, p.leave_date) > 0);
}

/** Every participant's figure as usage, or a refusal naming each participant without a usable one. */
function usageOf(participants: ParticipantRow[], values: Map<string, number | null>, what: string, source: string) {
  const usage = new Map<string, string>();
  const issues: { path: string; message: string }[] = [];
  for (const p of participants) {
    const v = values.get(p.org_id);
    if (v == null || !Number.isFinite(v) || v < 0 || v >= 1e12)
      issues.push({
        path: `inputs.${p.org_id}.usage`,
        message: `${p.org_name}の${what}が${v == null ? "ありません" : `「${v}」で、利用量に使えません`}`,
      });
    else usage.set(p.org_id, usageText(v));
  }
  if (issues.length) throw invalid(`${source}から利用量を取り込めません。${issues.map((i) => i.message).join("。")}。`, issues);
  return usage;
}

/**
 * 利用割 usage from a progress metric: each participant of the scenario's fiscal year takes its value of
 * the metric for the chosen fiscal year. A participant without a value is named and nothing is stored.
 */
export async function usageFromProgress(ctx: Ctx, scenarioId: string, input: z.infer<typeof usageFromProgressInput>) {
  const participants = await editable(ctx, scenarioId);
  const { metric, values } = await metricFigures(
    ctx,
    input.metricId,
    input.fiscalYear,
    participants.map((p) => p.org_id),
  );
  const period = fiscalYearLabel(input.fiscalYear);
  const usage = usageOf(participants, values, `「${metric.name}」（${period}）の値`, "進捗の指標");
  const label = `${period} ${metric.name}${metric.unit ? `（${metric.unit}）` : ""}`.slice(0, 100);
  return setUsage(ctx, scenarioId, usage, "progress", label);
}

/** 利用割 usage from a survey's number question: each participant's submitted answer. */
export async function usageFromSurvey(ctx: Ctx, scenarioId: string, input: z.infer<typeof usageFromSurveyInput>) {
  const participants = await editable(ctx, scenarioId);
  const { survey, question, values } = await questionFigures(ctx, input.surveyId, input.questionId);
  const usage = usageOf(participants, values, `照会「${question.title}」への提出済みの回答`, "照会");
  return setUsage(ctx, scenarioId, usage, "survey", `${survey.title} ${question.title}`.slice(0, 100));
}
