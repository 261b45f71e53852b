import type { Kysely } from "kysely";

/** 確認済: the secretariat's check of a submitted answer, who and when (voided when the answer changes). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("survey_answers").addColumn("checked_at", "text").execute();
  await db.schema
    .alterTable("survey_answers")
    .addColumn("checked_by", "text", (c) => c.references("users.id"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("survey_answers").dropColumn("checked_by").execute();
  await db.schema.alterTable("survey_answers").dropColumn("checked_at").execute();
}
