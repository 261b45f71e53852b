import type { Kysely } from "kysely";

/** How a survey's answers map onto the progress dashboard (one mapping per survey), and when it was last applied. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_progress_maps")
    .addColumn("survey_id", "text", (c) => c.primaryKey().references("surveys.id").onDelete("cascade"))
    .addColumn("mapping", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("applied_at", "text")
    .addColumn("applied_by", "text", (c) => c.references("users.id"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_progress_maps").execute();
}
