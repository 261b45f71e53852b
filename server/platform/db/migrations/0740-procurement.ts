import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * Joint procurement (共同調達): projects with participants, phases and linked meetings; cost-sharing
 * scenarios per fiscal year. A frozen scenario (the agreed 負担金) is never updated: triggers refuse it
 * on both engines, and corrections are new versions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("procurement_projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("programme", "text", (c) => c.notNull())
    .addColumn("body_id", "text", (c) => c.notNull().references("bodies.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("fiscal_year_from", "integer", (c) => c.notNull())
    .addColumn("fiscal_year_to", "integer", (c) => c.notNull())
    .addColumn("vendor", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("documents_url", "text")
    .addColumn("table_open", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("procurement_projects_body").on("procurement_projects").column("body_id").execute();

  await db.schema
    .createTable("procurement_participants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("procurement_projects.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("join_date", "text", (c) => c.notNull())
    .addColumn("leave_date", "text")
    .addUniqueConstraint("procurement_participants_org", ["project_id", "org_id"])
    .execute();

  await db.schema
    .createTable("procurement_phases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("procurement_projects.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("start_date", "text")
    .addColumn("end_date", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("procurement_phases_project")
    .on("procurement_phases")
    .columns(["project_id", "position"])
    .execute();

  await db.schema
    .createTable("procurement_meetings")
    .addColumn("project_id", "text", (c) => c.notNull().references("procurement_projects.id").onDelete("cascade"))
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addPrimaryKeyConstraint("procurement_meetings_pk", ["project_id", "meeting_id"])
    .execute();

  await db.schema
    .createTable("procurement_scenarios")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("procurement_projects.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("total", "bigint", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("inputs", "text", (c) => c.notNull())
    .addColumn("result", "text")
    .addColumn("supersedes_id", "text", (c) => c.references("procurement_scenarios.id"))
    .addColumn("reason", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("frozen_by", "text", (c) => c.references("users.id"))
    .addColumn("frozen_at", "text")
    .execute();
  await db.schema
    .createIndex("procurement_scenarios_project")
    .on("procurement_scenarios")
    .columns(["project_id", "fiscal_year", "version"])
    .execute();

  const message = "frozen procurement scenarios are never changed";
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(`CREATE FUNCTION procurement_frozen_guard() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'frozen' THEN RAISE EXCEPTION '${message}'; END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql`)
      .execute(db);
    await sql
      .raw(
        "CREATE TRIGGER procurement_frozen_guard BEFORE UPDATE OR DELETE ON procurement_scenarios FOR EACH ROW EXECUTE FUNCTION procurement_frozen_guard()",
      )
      .execute(db);
  } else {
    for (const op of ["UPDATE", "DELETE"])
      await sql
        .raw(
          `CREATE TRIGGER procurement_frozen_guard_${op.toLowerCase()} BEFORE ${op} ON procurement_scenarios FOR EACH ROW WHEN OLD.status = 'frozen' BEGIN SELECT RAISE(ABORT, '${message}'); END`,
        )
        .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("procurement_scenarios").execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`DROP FUNCTION procurement_frozen_guard()`.execute(db);
  await db.schema.dropTable("procurement_meetings").execute();
  await db.schema.dropTable("procurement_phases").execute();
  await db.schema.dropTable("procurement_participants").execute();
  await db.schema.dropTable("procurement_projects").execute();
}
