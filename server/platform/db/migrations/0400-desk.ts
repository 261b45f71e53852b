import type { Kysely } from "kysely";

/**
 * The consultation desk (相談窓口), the shared FAQ and hands-on support engagements (伴走型支援).
 * Portable: text ids, ISO-8601 UTC timestamps, "YYYY-MM-DD" dates, integer flags.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("consultations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("preferred_contact", "text", (c) => c.notNull())
    .addColumn("contact_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("assignee_id", "text", (c) => c.references("users.id"))
    .addColumn("merged_into_id", "text", (c) => c.references("consultations.id"))
    .addColumn("first_response_at", "text")
    .addColumn("resolved_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("paused_since", "text")
    .addColumn("first_response_due", "text")
    .addColumn("resolution_due", "text")
    .addColumn("next_due", "text", (c) => c.notNull().defaultTo("9999-12-31"))
    .addColumn("last_activity_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("consultations_org").on("consultations").columns(["org_id", "created_at"]).execute();
  await db.schema.createIndex("consultations_status").on("consultations").columns(["status", "next_due", "created_at"]).execute();
  await db.schema
    .createIndex("consultations_assignee")
    .on("consultations")
    .columns(["assignee_id", "next_due", "created_at"])
    .execute();
  await db.schema.createIndex("consultations_created").on("consultations").column("created_at").execute();
  // The queue sorts by due date (overdue first) and by latest activity, over every status.
  await db.schema.createIndex("consultations_next_due").on("consultations").columns(["next_due", "created_at"]).execute();
  await db.schema.createIndex("consultations_activity").on("consultations").column("last_activity_at").execute();

  await db.schema
    .createTable("consultation_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("author_id", "text", (c) => c.references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consultation_messages_thread")
    .on("consultation_messages")
    .columns(["consultation_id", "created_at"])
    .execute();

  await db.schema
    .createTable("consultation_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("message_id", "text", (c) => c.references("consultation_messages.id"))
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("consultation_attachments_c").on("consultation_attachments").column("consultation_id").execute();

  // The clock stops while the desk waits for the municipality (and while a consultation sits resolved).
  await db.schema
    .createTable("consultation_pauses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .execute();
  await db.schema.createIndex("consultation_pauses_c").on("consultation_pauses").column("consultation_id").execute();

  // One row per alert sent, so the daily sweep warns once per target and due date.
  await db.schema
    .createTable("consultation_alerts")
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("due", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("consultation_alerts_pk", ["consultation_id", "kind", "due"])
    .execute();

  await db.schema
    .createTable("consultation_templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("faq_articles")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("source_consultation_id", "text", (c) => c.references("consultations.id"))
    .addColumn("reviewed_by", "text", (c) => c.references("users.id"))
    .addColumn("reviewed_at", "text")
    .addColumn("published_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("faq_articles_status").on("faq_articles").columns(["status", "category"]).execute();

  await db.schema
    .createTable("support_engagements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("theme", "text", (c) => c.notNull())
    .addColumn("goals", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("progress_refs", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_engagements_org").on("support_engagements").column("org_id").execute();

  await db.schema
    .createTable("support_specialists")
    .addColumn("engagement_id", "text", (c) => c.notNull().references("support_engagements.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("support_specialists_pk", ["engagement_id", "user_id"])
    .execute();
  await db.schema.createIndex("support_specialists_user").on("support_specialists").column("user_id").execute();

  await db.schema
    .createTable("support_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("engagement_id", "text", (c) => c.notNull().references("support_engagements.id").onDelete("cascade"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("participants", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_sessions_e").on("support_sessions").columns(["engagement_id", "date"]).execute();

  await db.schema
    .createTable("support_next_steps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("engagement_id", "text", (c) => c.notNull().references("support_engagements.id").onDelete("cascade"))
    .addColumn("session_id", "text", (c) => c.references("support_sessions.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("due_date", "text")
    .addColumn("done_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_next_steps_e").on("support_next_steps").column("engagement_id").execute();

  await db.schema
    .createTable("support_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("engagement_id", "text", (c) => c.notNull().references("support_engagements.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_comments_e").on("support_comments").column("engagement_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "support_comments",
    "support_next_steps",
    "support_sessions",
    "support_specialists",
    "support_engagements",
    "faq_articles",
    "consultation_templates",
    "consultation_alerts",
    "consultation_pauses",
    "consultation_attachments",
    "consultation_messages",
    "consultations",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
