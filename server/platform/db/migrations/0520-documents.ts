import type { Kysely } from "kysely";

/** The document library: folders per body (or the shared area, body_id null), documents and their versions. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("document_folders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("body_id", "text", (c) => c.references("bodies.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("body_id", "text", (c) => c.references("bodies.id"))
    .addColumn("folder_id", "text", (c) => c.references("document_folders.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("fiscal_year", "integer")
    .addColumn("source", "text")
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("documents_area").on("documents").columns(["body_id", "folder_id"]).execute();

  await db.schema
    .createTable("document_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("text", "text")
    .addColumn("text_status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("document_versions_number", ["document_id", "version"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("document_versions").execute();
  await db.schema.dropTable("documents").execute();
  await db.schema.dropTable("document_folders").execute();
}
