import type { Kysely } from "kysely";

/**
 * Minutes review answers and reminders (issue 15): an organisation asked to review finishes with
 * 「修正なし」 or 「提案を送信して完了」 (one row per review and organisation); the people of
 * organisations that have not answered are reminded once per review.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("minutes_review_answers")
    .addColumn("review_id", "text", (c) => c.notNull().references("minutes_reviews.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("answered_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("minutes_review_answers_pk", ["review_id", "org_id"])
    .execute();
  await db.schema
    .createTable("minutes_review_reminders")
    .addColumn("review_id", "text", (c) => c.notNull().references("minutes_reviews.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("minutes_review_reminders_pk", ["review_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("minutes_review_reminders").execute();
  await db.schema.dropTable("minutes_review_answers").execute();
}
