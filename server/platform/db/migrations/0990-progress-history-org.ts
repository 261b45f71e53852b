import { type Kysely, sql } from "kysely";

/**
 * National scale (issue 13): a town's page lists the newest changes over its 46 records. Keyed by record,
 * that was one backward walk of progress_history_asof per record (46 × 20 index entries, on pages spread
 * over years: 5–11 ms when a connection has not read them yet). Each history row now carries its
 * municipality (the record's, which never changes), and one backward walk of this index finds the town's
 * newest changes: the few entries it needs, the record in the index to keep the town's current items only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("progress_history")
    .addColumn("org_id", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await sql`UPDATE progress_history SET org_id = (SELECT r.org_id FROM progress_records r WHERE r.id = progress_history.record_id)`.execute(
    db,
  );
  await db.schema
    .createIndex("progress_history_org")
    .on("progress_history")
    .columns(["org_id", "at", "id", "record_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("progress_history_org").execute();
  await db.schema.alterTable("progress_history").dropColumn("org_id").execute();
}
