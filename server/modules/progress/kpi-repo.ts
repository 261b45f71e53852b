import type { Ctx } from "../../platform/context.js";
import type { ProgressTargetsTable } from "./tables.js";

export type TargetRow = ProgressTargetsTable;

/** The metrics' values and own targets for one fiscal year, per municipality (those without a record are absent). */
export async function readYearValues(ctx: Ctx, metricIds: string[], fiscalYear: number, orgIds: string[]) {
  if (!metricIds.length || !orgIds.length) return [];
  return ctx.db
    .selectFrom("progress_metric_values as v")
    .innerJoin("progress_records as r", "r.id", "v.record_id")
    .select(["v.metric_id", "r.org_id", "v.value", "v.target"])
    .where("v.metric_id", "in", metricIds)
    .where("v.fiscal_year", "=", fiscalYear)
    .where("r.org_id", "in", orgIds)
    .execute();
}

/** The fiscal years in which the metrics have a value or an own target, and the latest with a reported value. */
export async function metricYears(ctx: Ctx, metricIds: string[]) {
  if (!metricIds.length) return { years: [] as number[], latestReported: null };
  const rows = await ctx.db
    .selectFrom("progress_metric_values")
    .select(["fiscal_year", (eb) => eb.fn.count<number>("value").as("reported")])
    .where("metric_id", "in", metricIds)
    .groupBy("fiscal_year")
    .execute();
  const reported = rows.filter((r) => Number(r.reported) > 0).map((r) => r.fiscal_year);
  return { years: rows.map((r) => r.fiscal_year), latestReported: reported.length ? Math.max(...reported) : null };
}

export const listTargetRows = (ctx: Ctx, programmeId: string) =>
  ctx.db
    .selectFrom("progress_targets")
    .selectAll()
    .where("programme_id", "=", programmeId)
    .orderBy("fiscal_year")
    .orderBy("created_at")
    .execute();

export const findTargetRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("progress_targets").selectAll().where("id", "=", id).executeTakeFirst();

export const insertTargetRow = (ctx: Ctx, row: TargetRow) => ctx.db.insertInto("progress_targets").values(row).execute();

export const updateTargetRow = (ctx: Ctx, id: string, patch: Partial<TargetRow>) =>
  ctx.db.updateTable("progress_targets").set(patch).where("id", "=", id).execute();

export const deleteTargetRow = (ctx: Ctx, id: string) => ctx.db.deleteFrom("progress_targets").where("id", "=", id).execute();
