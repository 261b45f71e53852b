import type { Kysely } from "kysely";

/**
 * Agenda across bodies (issue 15): an agenda or backlog item referred from one body to another
 * (WG → council, council → WG) keeps where it came from, who referred it and when.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("agenda_referrals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agenda_item_id", "text", (c) => c.notNull().references("agenda_items.id").onDelete("cascade"))
    .addColumn("from_body_id", "text", (c) => c.notNull().references("bodies.id"))
    .addColumn("from_meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("to_body_id", "text", (c) => c.notNull().references("bodies.id"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("referred_by", "text", (c) => c.references("users.id"))
    .addColumn("referred_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("agenda_referrals_item")
    .on("agenda_referrals")
    .columns(["agenda_item_id", "referred_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("agenda_referrals").execute();
}
