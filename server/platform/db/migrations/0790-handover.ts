import type { Kysely } from "kysely";

/** 人事異動 (issue 17): transfer lists applied at once or on their date, and what each successor received (引継ぎ書). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("handover_batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("effective_date", "text")
    .addColumn("plan", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("applied_at", "text")
    .execute();
  await db.schema
    .createTable("handover_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("batch_id", "text", (c) => c.notNull().references("handover_batches.id"))
    .addColumn("successor_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("leaver_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("ref_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("handover_entries_successor")
    .on("handover_entries")
    .columns(["successor_id", "created_at"])
    .execute();
  await db.schema.createIndex("handover_entries_batch").on("handover_entries").column("batch_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("handover_entries").execute();
  await db.schema.dropTable("handover_batches").execute();
}
