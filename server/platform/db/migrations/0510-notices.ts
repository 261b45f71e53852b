import type { Kysely } from "kysely";

/** Notices (お知らせ・国の動向): attachments, required reading and per-user reads. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("body_id", "text", (c) => c.references("bodies.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("links", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("publish_at", "text")
    .addColumn("published_at", "text")
    .addColumn("pinned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reminded_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("notices_status").on("notices").columns(["status", "published_at"]).execute();

  await db.schema
    .createTable("notice_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("notice_id", "text", (c) => c.notNull().references("notices.id").onDelete("cascade"))
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("text", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("notice_attachments_notice").on("notice_attachments").column("notice_id").execute();

  await db.schema
    .createTable("notice_reads")
    .addColumn("notice_id", "text", (c) => c.notNull().references("notices.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("read_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notice_reads_pk", ["notice_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notice_reads").execute();
  await db.schema.dropTable("notice_attachments").execute();
  await db.schema.dropTable("notices").execute();
}
