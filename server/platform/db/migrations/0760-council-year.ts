import type { Kysely } from "kysely";

/**
 * The council's year (issue 15): the yearly plan (planned meetings per body and national milestones
 * per fiscal year) and date polls (candidate dates answered per organisation).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("year_plan_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("entry_type", "text", (c) => c.notNull())
    .addColumn("body_id", "text", (c) => c.references("bodies.id"))
    .addColumn("kind", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("year_plan_entries_fy").on("year_plan_entries").columns(["fiscal_year", "start_date"]).execute();

  await db.schema
    .createTable("date_polls")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("body_id", "text", (c) => c.notNull().references("bodies.id"))
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("chosen_candidate_id", "text")
    .addColumn("reminded_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("date_polls_body").on("date_polls").columns(["body_id", "created_at"]).execute();
  await db.schema.createIndex("date_polls_status_deadline").on("date_polls").columns(["status", "deadline"]).execute();

  await db.schema
    .createTable("date_poll_candidates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("poll_id", "text", (c) => c.notNull().references("date_polls.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("date_poll_candidates_poll").on("date_poll_candidates").columns(["poll_id", "position"]).execute();

  await db.schema
    .createTable("date_poll_responses")
    .addColumn("poll_id", "text", (c) => c.notNull().references("date_polls.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    /** JSON object: candidate id → "yes" | "maybe" | "no". */
    .addColumn("choices", "text", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("answered_by", "text", (c) => c.references("users.id"))
    .addColumn("answered_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("date_poll_responses_pk", ["poll_id", "org_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("date_poll_responses").execute();
  await db.schema.dropTable("date_poll_candidates").execute();
  await db.schema.dropTable("date_polls").execute();
  await db.schema.dropTable("year_plan_entries").execute();
}
