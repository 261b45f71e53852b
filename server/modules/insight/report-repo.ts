import type { Ctx } from "../../platform/context.js";
import type { InsightReportsTable } from "./tables.js";

/** The rows of annual reports asked for (migration 0890). */

export async function insertReport(ctx: Ctx, row: InsightReportsTable) {
  await ctx.db.insertInto("insight_reports").values(row).execute();
}

/** The report with its files' names (once written). */
export const findReport = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom("insight_reports as r")
    .leftJoin("files as d", "d.id", "r.docx_file_id")
    .leftJoin("files as p", "p.id", "r.pdf_file_id")
    .selectAll("r")
    .select(["d.name as docx_name", "p.name as pdf_name"])
    .where("r.id", "=", id)
    .executeTakeFirst();

export async function updateReport(
  ctx: Ctx,
  id: string,
  set: Partial<Pick<InsightReportsTable, "status" | "done" | "total" | "docx_file_id" | "pdf_file_id" | "error" | "finished_at">>,
) {
  await ctx.db.updateTable("insight_reports").set(set).where("id", "=", id).execute();
}
