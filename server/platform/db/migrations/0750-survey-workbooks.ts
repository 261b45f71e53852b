import type { Kysely } from "kysely";

/**
 * A survey made from a ministry's workbook keeps the original file and where its input table is
 * (sheet, header cells, one row per organisation, the column of each question), so towns can
 * download and upload filled copies and the secretariat can write every answer back into it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_workbooks")
    .addColumn("survey_id", "text", (c) => c.primaryKey().references("surveys.id").onDelete("cascade"))
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("layout", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_workbooks").execute();
}
