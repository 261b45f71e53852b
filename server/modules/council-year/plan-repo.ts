import type { Ctx } from "../../platform/context.js";
import type { YearPlanEntriesTable } from "./tables.js";

export type PlanEntryRow = YearPlanEntriesTable;

export const listPlanRows = (ctx: Ctx, fiscalYear: number): Promise<PlanEntryRow[]> =>
  ctx.db
    .selectFrom("year_plan_entries")
    .selectAll()
    .where("fiscal_year", "=", fiscalYear)
    .orderBy("start_date")
    .orderBy("created_at")
    .orderBy("id")
    .execute();

export const findPlanRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("year_plan_entries").selectAll().where("id", "=", id).executeTakeFirst();

export async function insertPlanRows(ctx: Ctx, rows: PlanEntryRow[]) {
  if (rows.length) await ctx.db.insertInto("year_plan_entries").values(rows).execute();
}
export async function updatePlanRow(ctx: Ctx, id: string, patch: Partial<PlanEntryRow>) {
  await ctx.db.updateTable("year_plan_entries").set(patch).where("id", "=", id).execute();
}
export async function deletePlanRow(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("year_plan_entries").where("id", "=", id).execute();
}
export async function countPlanRows(ctx: Ctx, fiscalYear: number) {
  const r = await ctx.db
    .selectFrom("year_plan_entries")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
