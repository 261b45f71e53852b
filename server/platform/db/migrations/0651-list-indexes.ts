import type { Kysely } from "kysely";

/**
 * Indexes for the hot lists (server/modules/query-plans.test.ts): the challenge board filtered by
 * the bodies one may see and walked newest or last-updated first, and the staff's survey list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("challenges_body").on("challenges").column("body_id").execute();
  await db.schema.createIndex("challenges_updated").on("challenges").column("updated_at").execute();
  await db.schema.createIndex("challenges_created").on("challenges").column("created_at").execute();
  await db.schema.createIndex("surveys_created").on("surveys").column("created_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["challenges_body", "challenges_updated", "challenges_created", "surveys_created"])
    await db.schema.dropIndex(name).execute();
}
