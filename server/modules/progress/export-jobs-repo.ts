import type { Ctx } from "../../platform/context.js";
import type { ProgressExportsTable } from "./tables.js";

/** The rows of background progress exports (migration 0820). */

export async function insertExportJob(ctx: Ctx, row: ProgressExportsTable) {
  await ctx.db.insertInto("progress_exports").values(row).execute();
}

/** The export with its file's name (once written). */
export function findExportJob(ctx: Ctx, id: string) {
  return ctx.db
    .selectFrom("progress_exports as e")
    .leftJoin("files as f", "f.id", "e.file_id")
    .selectAll("e")
    .select("f.name as file_name")
    .where("e.id", "=", id)
    .executeTakeFirst();
}

export async function updateExportJob(
  ctx: Ctx,
  id: string,
  set: Partial<Pick<ProgressExportsTable, "status" | "done" | "total" | "file_id" | "error" | "finished_at">>,
) {
  await ctx.db.updateTable("progress_exports").set(set).where("id", "=", id).execute();
}
