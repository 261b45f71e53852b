import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Tables whose rows are kept in memory by server/platform/db/versioned-cache.ts (cachedReference). */
const tables = ["settings", "bodies", "body_members"];

/**
 * One counter, `cache_versions.reference`, that triggers raise on every write to settings, bodies
 * and body_members — whatever code, CLI or instance writes them — so an in-memory copy is valid
 * exactly while the counter is unchanged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cache_versions")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.insertInto("cache_versions").values({ key: "reference", version: 1 }).execute();
  const bump = "UPDATE cache_versions SET version = version + 1 WHERE key = 'reference'";
  if (isPostgres(db)) {
    await sql
      .raw(`CREATE FUNCTION bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${bump}; RETURN NULL; END $$`)
      .execute(db);
    for (const t of tables)
      await sql
        .raw(
          `CREATE TRIGGER ${t}_reference_version AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version()`,
        )
        .execute(db);
    return;
  }
  for (const t of tables)
    for (const op of ["INSERT", "UPDATE", "DELETE"])
      await sql.raw(`CREATE TRIGGER ${t}_reference_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN ${bump}; END`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of tables) await sql.raw(`DROP TRIGGER ${t}_reference_version ON ${t}`).execute(db);
    await sql.raw("DROP FUNCTION bump_reference_version()").execute(db);
  } else {
    for (const t of tables)
      for (const op of ["insert", "update", "delete"]) await sql.raw(`DROP TRIGGER ${t}_reference_${op}`).execute(db);
  }
  await db.schema.dropTable("cache_versions").execute();
}
