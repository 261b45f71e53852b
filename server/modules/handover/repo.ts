import type { Ctx } from "../../platform/context.js";
import type { HandoverBatchesTable, HandoverEntriesTable } from "./tables.js";

export async function insertBatch(ctx: Ctx, row: HandoverBatchesTable): Promise<void> {
  await ctx.db.insertInto("handover_batches").values(row).execute();
}

export async function updateBatch(ctx: Ctx, id: string, patch: Partial<HandoverBatchesTable>): Promise<void> {
  await ctx.db.updateTable("handover_batches").set(patch).where("id", "=", id).execute();
}

export const findBatch = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("handover_batches").selectAll().where("id", "=", id).executeTakeFirst();

export const listBatches = (ctx: Ctx) =>
  ctx.db
    .selectFrom("handover_batches")
    .select(["id", "status", "file_name", "effective_date", "plan", "created_at", "error"])
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();

export async function insertEntries(ctx: Ctx, rows: HandoverEntriesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await ctx.db
      .insertInto("handover_entries")
      .values(rows.slice(i, i + 500))
      .execute();
}

/** What a successor received, newest hand-over first, with the leaver's name. */
export const entriesOf = (ctx: Ctx, successorId: string) =>
  ctx.db
    .selectFrom("handover_entries as e")
    .innerJoin("users as l", "l.id", "e.leaver_id")
    .selectAll("e")
    .select("l.name as leaver_name")
    .where("e.successor_id", "=", successorId)
    .orderBy("e.created_at", "desc")
    .orderBy("e.due")
    .execute();
