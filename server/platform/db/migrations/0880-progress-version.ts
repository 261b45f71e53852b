import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * What the national progress views (dashboard summary, heatmap) read: the municipalities, the
 * programme definitions, the online procedures' step states and the maintained totals (0710).
 */
const tables = [
  "orgs",
  "progress_programmes",
  "progress_items",
  "progress_steps",
  "progress_step_states",
  "progress_org_state",
  "progress_org_days",
  "progress_item_totals",
  "progress_item_days",
  "progress_rollup",
  "progress_rollup_totals",
];

/**
 * A second counter, `cache_versions.progress`, raised by triggers on every write to those tables —
 * whatever code, CLI or instance writes them — so a computed view is valid exactly while it is
 * unchanged (server/modules/progress/view-cache.ts), as the reference counter of 0650.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto("cache_versions").values({ key: "progress", version: 1 }).execute();
  const bump = "UPDATE cache_versions SET version = version + 1 WHERE key = 'progress'";
  if (isPostgres(db)) {
    await sql
      .raw(`CREATE FUNCTION bump_progress_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${bump}; RETURN NULL; END $$`)
      .execute(db);
    for (const t of tables)
      await sql
        .raw(
          `CREATE TRIGGER ${t}_progress_version AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION bump_progress_version()`,
        )
        .execute(db);
    return;
  }
  for (const t of tables)
    for (const op of ["INSERT", "UPDATE", "DELETE"])
      await sql.raw(`CREATE TRIGGER ${t}_progress_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN ${bump}; END`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of tables) await sql.raw(`DROP TRIGGER ${t}_progress_version ON ${t}`).execute(db);
    await sql.raw("DROP FUNCTION bump_progress_version()").execute(db);
  } else {
    for (const t of tables)
      for (const op of ["insert", "update", "delete"]) await sql.raw(`DROP TRIGGER ${t}_progress_${op}`).execute(db);
  }
  await db.deleteFrom("cache_versions").where("key", "=", "progress").execute();
}
