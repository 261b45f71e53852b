import type { Kysely } from "kysely";

/**
 * The annual report (取組状況報告, issue 18) as a background job: one row per request, which the job moves
 * from queued to done with its progress (parts written of parts to write) and the two stored files (DOCX, PDF).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("insight_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("docx_file_id", "text", (c) => c.references("files.id"))
    .addColumn("pdf_file_id", "text", (c) => c.references("files.id"))
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("insight_reports_requester")
    .on("insight_reports")
    .columns(["requested_by", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("insight_reports").execute();
}
