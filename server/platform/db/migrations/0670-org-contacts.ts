import type { Kysely } from "kysely";

/** An organisation's contact data (担当部署・担当者・電話・メール・所在地): the sender's block in official mail and documents. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("org_contacts")
    .addColumn("org_id", "text", (c) => c.primaryKey().references("orgs.id").onDelete("cascade"))
    .addColumn("department", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("person", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("email", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("org_contacts").execute();
}
