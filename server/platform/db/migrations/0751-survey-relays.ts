import type { Kysely } from "kysely";

/**
 * A survey that relays a national 照会: the ministry, its document number (文書番号), its deadline,
 * who at the ministry answers questions, and the fiscal year it was received in (the yearly list).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_relays")
    .addColumn("survey_id", "text", (c) => c.primaryKey().references("surveys.id").onDelete("cascade"))
    .addColumn("ministry", "text", (c) => c.notNull())
    .addColumn("document_number", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("national_deadline", "text")
    .addColumn("contact", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("survey_relays_year").on("survey_relays").columns(["fiscal_year", "national_deadline"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_relays").execute();
}
