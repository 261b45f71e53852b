import type { Kysely } from "kysely";

/**
 * Minutes review (issue 15): the draft minutes circulated to organisations with a deadline, cut into
 * passages attributed to their speakers; each organisation suggests changes to its own passages and the
 * secretariat accepts or rejects each suggestion.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("minutes_reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull())
    /** JSON array of the organisation ids asked to review. */
    .addColumn("org_ids", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .execute();
  await db.schema.createIndex("minutes_reviews_meeting").on("minutes_reviews").columns(["meeting_id", "created_at"]).execute();

  await db.schema
    .createTable("minutes_passages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("review_id", "text", (c) => c.notNull().references("minutes_reviews.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("speaker_org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("minutes_passages_review").on("minutes_passages").columns(["review_id", "position"]).execute();

  await db.schema
    .createTable("minutes_suggestions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("review_id", "text", (c) => c.notNull().references("minutes_reviews.id").onDelete("cascade"))
    .addColumn("passage_id", "text", (c) => c.notNull().references("minutes_passages.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("minutes_suggestions_review")
    .on("minutes_suggestions")
    .columns(["review_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("minutes_suggestions").execute();
  await db.schema.dropTable("minutes_passages").execute();
  await db.schema.dropTable("minutes_reviews").execute();
}
