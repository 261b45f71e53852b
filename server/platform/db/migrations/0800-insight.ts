import type { Kysely } from "kysely";

/**
 * Insight (issue 18): the secretariat's agenda-suggestion rules (one JSON document, validated by
 * shared/api/insight.ts) and what was done with each suggestion (accepted into an agenda proposal,
 * or dismissed with a reason), with the evidence fingerprint it had then.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("insight_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("insight_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("body_id", "text", (c) => c.notNull().references("bodies.id"))
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("suggestion_key", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("agenda_item_id", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("insight_decisions_body_key")
    .on("insight_decisions")
    .columns(["body_id", "suggestion_key", "decided_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("insight_decisions").execute();
  await db.schema.dropTable("insight_settings").execute();
}
