import type { Kysely } from "kysely";

/**
 * Surveys (照会): the survey with its questions as one JSON document, the organisations it asks
 * (materialised at publication, with per-organisation extensions), one answer per organisation
 * (optimistic version), uploaded files, and the reminders already sent (so none is sent twice).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("surveys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("target_mode", "text", (c) => c.notNull())
    .addColumn("target_org_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("target_body_id", "text", (c) => c.references("bodies.id"))
    .addColumn("opens_on", "text")
    .addColumn("deadline_at", "text")
    .addColumn("allow_edit_after_submit", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("results_visibility", "text", (c) => c.notNull().defaultTo("staff"))
    .addColumn("remind_days_before", "integer")
    .addColumn("remind_on_day", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("copied_from", "text")
    .addColumn("open_notified_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("closed_at", "text")
    .execute();
  await db.schema.createIndex("surveys_status").on("surveys").columns(["status", "deadline_at"]).execute();

  await db.schema
    .createTable("survey_targets")
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("extended_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_targets_pk", ["survey_id", "org_id"])
    .execute();
  await db.schema.createIndex("survey_targets_org").on("survey_targets").column("org_id").execute();

  await db.schema
    .createTable("survey_answers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("submitted_at", "text")
    .addColumn("submitted_by", "text", (c) => c.references("users.id"))
    .addColumn("returned_at", "text")
    .addColumn("returned_by", "text", (c) => c.references("users.id"))
    .addColumn("return_comment", "text")
    .addUniqueConstraint("survey_answers_one_per_org", ["survey_id", "org_id"])
    .execute();

  await db.schema
    .createTable("survey_files")
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    // null: an attachment of the survey itself (instructions); otherwise the answering organisation.
    .addColumn("org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    // A copied survey links the same stored file, so the key is the pair.
    .addPrimaryKeyConstraint("survey_files_pk", ["survey_id", "file_id"])
    .execute();
  await db.schema.createIndex("survey_files_survey").on("survey_files").columns(["survey_id", "org_id"]).execute();

  await db.schema
    .createTable("survey_reminders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    // "before:2025-10-28", "day:2025-10-31" or "manual:<instant>": the same automatic reminder is sent once.
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addColumn("sent_by", "text", (c) => c.references("users.id"))
    .addUniqueConstraint("survey_reminders_once", ["survey_id", "org_id", "key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["survey_reminders", "survey_files", "survey_answers", "survey_targets", "surveys"]) {
    await db.schema.dropTable(t).execute();
  }
}
