import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { findMetric, readMetricValues } from "./repo.js";

/**
 * One metric's values for a fiscal year, per organisation (null or absent: nothing recorded).
 * The read other modules use to take figures from progress (e.g. procurement's usage).
 */
export async function metricFigures(ctx: Ctx, metricId: string, fiscalYear: number, orgIds: string[]) {
  authorize(ctx.actor, "progress.read");
  const metric = await findMetric(ctx, metricId);
  if (!metric || metric.archived) throw notFound("指標");
  const rows = await readMetricValues(ctx, metricId, fiscalYear, orgIds);
  return {
    metric: { id: metric.id, name: metric.name, unit: metric.unit, itemName: metric.item_name },
    values: new Map(rows.map((r) => [r.org_id, r.value])),
  };
}
