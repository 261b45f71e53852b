import type { Kysely } from "kysely";

/**
 * Daily use (issue 12): the home page's "overdue actions by town" reads open actions by due date,
 * an attendance answer records whether the secretariat entered it for the organisation, and materials have an order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("action_items_status_due").on("action_items").columns(["status", "due_date"]).execute();
  await db.schema
    .alterTable("meeting_attendance")
    .addColumn("on_behalf", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // The secretariat orders materials on screen; existing ones keep their upload order (position 0, then time).
  await db.schema
    .alterTable("meeting_materials")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meeting_materials").dropColumn("position").execute();
  await db.schema.alterTable("meeting_attendance").dropColumn("on_behalf").execute();
  await db.schema.dropIndex("action_items_status_due").execute();
}
