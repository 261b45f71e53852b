import type { Kysely } from "kysely";

/** The challenges board (課題共有): challenges, "we have this too" marks, comments and solutions, attachments. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("challenges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("theme", "text")
    .addColumn("body_id", "text", (c) => c.references("bodies.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("resolution", "text")
    .addColumn("meeting_id", "text")
    .addColumn("agenda_item_id", "text")
    .addColumn("share_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("challenges_status").on("challenges").columns(["status", "share_count"]).execute();

  await db.schema
    .createTable("challenge_shares")
    .addColumn("challenge_id", "text", (c) => c.notNull().references("challenges.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("challenge_shares_pk", ["challenge_id", "org_id"])
    .execute();

  await db.schema
    .createTable("challenge_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("challenge_id", "text", (c) => c.notNull().references("challenges.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("challenge_comments_challenge").on("challenge_comments").column("challenge_id").execute();

  await db.schema
    .createTable("challenge_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("challenge_id", "text", (c) => c.notNull().references("challenges.id").onDelete("cascade"))
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("challenge_attachments").execute();
  await db.schema.dropTable("challenge_comments").execute();
  await db.schema.dropTable("challenge_shares").execute();
  await db.schema.dropTable("challenges").execute();
}
