import type { z } from "zod";
import type { usageFromProgressInput } from "../../../shared/api/procurement.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { monthsInFiscalYear } from "../../../shared/procurement/allocation.js";
import type { Ctx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { metricFigures } from "../progress/index.js";
import { visibleScenario } from "./access.js";
import { setUsage } from "./scenarios.js";

/** A figure as the usage field takes it: at most three decimals, no exponent. */
const usageText = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, ""));

/**
 * 利用割 usage from a progress metric: each participant of the scenario's fiscal year takes its value of
 * the metric for the chosen fiscal year. A participant without a value is named and nothing is stored.
 */
export async function usageFromProgress(ctx: Ctx, scenarioId: string, input: z.infer<typeof usageFromProgressInput>) {
  const { scenario, participants, subject } = await visibleScenario(ctx, scenarioId);
  authorize(ctx.actor, "procurement.edit", subject);
  const inYear = participants.filter((p) => monthsInFiscalYear(scenario.fiscal_year, p.join_date, p.leave_date) > 0);
  const { metric, values } = await metricFigures(
    ctx,
    input.metricId,
    input.fiscalYear,
    inYear.map((p) => p.org_id),
  );
  const period = fiscalYearLabel(input.fiscalYear);
  const usage = new Map<string, string>();
  const issues: { path: string; message: string }[] = [];
  for (const p of inYear) {
    const v = values.get(p.org_id);
    if (v == null || !Number.isFinite(v) || v < 0 || v >= 1e12)
      issues.push({
        path: `inputs.${p.org_id}.usage`,
        message: `${p.org_name}の「${metric.name}」（${period}）の値が${v == null ? "入力されていません" : `「${v}」で、利用量に使えません`}`,
      });
    else usage.set(p.org_id, usageText(v));
  }
  if (issues.length) throw invalid(`進捗の指標から利用量を取り込めません。${issues.map((i) => i.message).join("。")}。`, issues);
  const label = `${period} ${metric.name}${metric.unit ? `（${metric.unit}）` : ""}`.slice(0, 100);
  return setUsage(ctx, scenarioId, usage, "progress", label);
}
