import type { Kysely } from "kysely";

/** Contacts (issue 15): a person's department (所属) and title (役職), shown where people reach each other. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("department", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("users")
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("title").execute();
  await db.schema.alterTable("users").dropColumn("department").execute();
}
