import type { Ctx } from "../../platform/context.js";
import type { ItemRow, MetricRow, ProgrammeRow, StepRow } from "./repo.js";

/** Writes of the definitions (programmes, items, steps, metrics). */
export const insertProgramme = (ctx: Ctx, row: ProgrammeRow) => ctx.db.insertInto("progress_programmes").values(row).execute();
export const updateProgrammeRow = (ctx: Ctx, id: string, patch: Partial<ProgrammeRow>) =>
  ctx.db.updateTable("progress_programmes").set(patch).where("id", "=", id).execute();

export const insertItem = (ctx: Ctx, row: ItemRow) => ctx.db.insertInto("progress_items").values(row).execute();
export const updateItemRow = (ctx: Ctx, id: string, patch: Partial<ItemRow>) =>
  ctx.db.updateTable("progress_items").set(patch).where("id", "=", id).execute();
export const findItemByCode = (ctx: Ctx, programmeId: string, code: string) =>
  ctx.db
    .selectFrom("progress_items")
    .selectAll()
    .where("programme_id", "=", programmeId)
    .where("code", "=", code)
    .executeTakeFirst();

export const insertSteps = async (ctx: Ctx, rows: StepRow[]) => {
  if (rows.length) await ctx.db.insertInto("progress_steps").values(rows).execute();
};
export const findStep = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("progress_steps").selectAll().where("id", "=", id).executeTakeFirst();
export const updateStepRow = (ctx: Ctx, id: string, patch: Partial<StepRow>) =>
  ctx.db.updateTable("progress_steps").set(patch).where("id", "=", id).execute();

export const insertMetrics = async (ctx: Ctx, rows: MetricRow[]) => {
  if (rows.length) await ctx.db.insertInto("progress_metrics").values(rows).execute();
};
export const findMetric = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("progress_metrics").selectAll().where("id", "=", id).executeTakeFirst();
export const updateMetricRow = (ctx: Ctx, id: string, patch: Partial<MetricRow>) =>
  ctx.db.updateTable("progress_metrics").set(patch).where("id", "=", id).execute();

export async function countItems(ctx: Ctx): Promise<Map<string, number>> {
  const rows = await ctx.db
    .selectFrom("progress_items")
    .select(["programme_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("archived", "=", 0)
    .groupBy("programme_id")
    .execute();
  return new Map(rows.map((r) => [r.programme_id, Number(r.n)]));
}

/** Municipalities that have no record yet for an item (new items, or municipalities added later). */
export async function missingRecords(ctx: Ctx, itemIds: string[]) {
  if (!itemIds.length) return [];
  return ctx.db
    .selectFrom("orgs")
    .innerJoin("progress_items as i", (j) => j.on("i.id", "in", itemIds))
    .leftJoin("progress_records as r", (j) => j.onRef("r.org_id", "=", "orgs.id").onRef("r.item_id", "=", "i.id"))
    .select(["orgs.id as orgId", "i.id as itemId"])
    .where("orgs.kind", "in", ["city", "town", "village"])
    .where("r.id", "is", null)
    .execute();
}
