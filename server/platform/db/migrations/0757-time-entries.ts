import type { Kysely } from "kysely";

/** Time a specialist spends, per desk consultation or per support session, with the town it was for. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("support_time_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("consultation_id", "text", (c) => c.references("consultations.id"))
    .addColumn("session_id", "text", (c) => c.references("support_sessions.id"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_time_entries_date").on("support_time_entries").column("date").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("support_time_entries").execute();
}
