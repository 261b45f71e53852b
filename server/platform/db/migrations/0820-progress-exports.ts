import type { Kysely } from "kysely";

/**
 * The whole-programme progress export as a background job (issue 13): one row per request, which the
 * job moves from queued to done with its progress (sheets written of sheets to write) and the stored file.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("progress_exports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("progress_programmes.id"))
    .addColumn("requested_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("file_id", "text", (c) => c.references("files.id"))
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("progress_exports_requester")
    .on("progress_exports")
    .columns(["requested_by", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("progress_exports").execute();
}
