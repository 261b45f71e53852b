import type { Kysely } from "kysely";

/** The home page and the review reminders look up open minutes reviews by deadline (issue 15). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("minutes_reviews_status_deadline").on("minutes_reviews").columns(["status", "deadline"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("minutes_reviews_status_deadline").execute();
}
