import type { Kysely } from "kysely";

/**
 * Meeting reminders (issue 15): who has been reminded of a meeting's attendance answer or proposal
 * deadline, so each person is reminded once per meeting and kind.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meeting_reminders")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_reminders_pk", ["meeting_id", "kind", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("meeting_reminders").execute();
}
