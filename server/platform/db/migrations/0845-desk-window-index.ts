import type { Kysely } from "kysely";

/**
 * Agenda suggestions count the consultations of two windows of days per category and municipality
 * (consultations/insight-repo.ts): a range of this index, covering, instead of the whole table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("consultations_window")
    .on("consultations")
    .columns(["created_at", "category", "org_id", "merged_into_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("consultations_window").execute();
}
