import type { Kysely } from "kysely";

/**
 * Meetings of the council's bodies: agenda items (with the backlog of deferred ones), materials and
 * their versions, attendance, minutes revisions and action items. Portable: text ids, ISO text times.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("body_id", "text", (c) => c.notNull().references("bodies.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("subtitle", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("online_url", "text")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("proposal_deadline", "text")
    .addColumn("attendance_deadline", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("previous_id", "text")
    .addColumn("agenda_template", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_by", "text")
    .addColumn("announced_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meetings_body").on("meetings").columns(["body_id", "fiscal_year"]).execute();
  await db.schema.createIndex("meetings_starts").on("meetings").column("starts_at").execute();

  await db.schema
    .createTable("agenda_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("body_id", "text", (c) => c.notNull().references("bodies.id"))
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("origin_meeting_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("presenter", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("minutes_requested", "integer", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("proposer_org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("proposed_by", "text")
    .addColumn("decision_reason", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("source_ref", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("agenda_items_meeting").on("agenda_items").column("meeting_id").execute();
  await db.schema.createIndex("agenda_items_body_status").on("agenda_items").columns(["body_id", "status"]).execute();

  await db.schema
    .createTable("meeting_materials")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("agenda_item_id", "text", (c) => c.references("agenda_items.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .execute();
  await db.schema.createIndex("meeting_materials_meeting").on("meeting_materials").column("meeting_id").execute();

  await db.schema
    .createTable("material_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("material_id", "text", (c) => c.notNull().references("meeting_materials.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("uploaded_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("material_versions_unique", ["material_id", "version"])
    .execute();

  await db.schema
    .createTable("meeting_attendance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("mode", "text")
    .addColumn("attendees", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("answered_by", "text")
    .addColumn("answered_at", "text")
    .addColumn("present", "integer")
    .addColumn("roll_by", "text")
    .addColumn("roll_at", "text")
    .addUniqueConstraint("meeting_attendance_unique", ["meeting_id", "org_id"])
    .execute();

  await db.schema
    .createTable("meeting_minutes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("outcomes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("correction_reason", "text")
    .addColumn("approved_by", "text")
    .addColumn("approved_at", "text")
    .addColumn("published_by", "text")
    .addColumn("published_at", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("meeting_minutes_unique", ["meeting_id", "revision"])
    .execute();

  await db.schema
    .createTable("action_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("agenda_item_id", "text", (c) => c.references("agenda_items.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("owner_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("done_at", "text")
    .addColumn("reminded_at", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("action_items_owner").on("action_items").columns(["owner_org_id", "status"]).execute();
  await db.schema.createIndex("action_items_meeting").on("action_items").column("meeting_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "action_items",
    "meeting_minutes",
    "meeting_attendance",
    "material_versions",
    "meeting_materials",
    "agenda_items",
    "meetings",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
