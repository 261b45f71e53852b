import type { Kysely } from "kysely";

/**
 * Whether an online procedure is one of the national target procedures (issue 18): the national
 * dashboard counts a municipality complete when all *target* procedures can be done via マイナポータル.
 * Every existing item stays a target (1) until the secretariat says otherwise.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("progress_items")
    .addColumn("national_target", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("progress_items").dropColumn("national_target").execute();
}
