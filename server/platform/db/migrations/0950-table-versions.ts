import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The tables the cached lists read (platform/db/versioned-cache.ts, `cachedRows`), each with the
 * columns whose change counts: users only by name (its last_seen_at moves once a minute per user, and
 * the lists show names alone), every other table by any change.
 */
const tables: [table: string, columns?: string][] = [
  ["bodies"],
  ["orgs"],
  ["users", "name"],
  ["meetings"],
  ["consultations"],
  ["consultation_pauses"],
  ["surveys"],
  ["survey_targets"],
  ["survey_answers"],
  ["challenges"],
  ["challenge_comments"],
  ["challenge_shares"],
  ["notices"],
  ["notice_reads"],
  ["notice_attachments"],
  ["documents"],
  ["document_versions"],
  ["document_folders"],
  ["files"],
];

/**
 * One counter per table, `cache_versions."table:<name>"`, raised by triggers on every write to it —
 * whatever code, CLI or instance writes — as the reference counter of 0650: a cached list is valid
 * exactly while the counters of the tables it reads are unchanged.
 */
export const up = (db: Kysely<any>) => addTableCounters(db, tables);
export const down = (db: Kysely<any>) => dropTableCounters(db, tables);

/** Counters and their triggers for `tables` (also used by 0960 for the home page's and notifications' tables). */
export async function addTableCounters(db: Kysely<any>, tables: [table: string, columns?: string][]): Promise<void> {
  await db
    .insertInto("cache_versions")
    .values(tables.map(([t]) => ({ key: `table:${t}`, version: 1 })))
    .execute();
  const bump = (t: string) => `UPDATE cache_versions SET version = version + 1 WHERE key = 'table:${t}'`;
  if (isPostgres(db)) {
    for (const [t, columns] of tables) {
      await sql
        .raw(`CREATE FUNCTION bump_${t}_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${bump(t)}; RETURN NULL; END $$`)
        .execute(db);
      const update = columns ? `UPDATE OF ${columns}` : "UPDATE";
      await sql
        .raw(
          `CREATE TRIGGER ${t}_table_version AFTER INSERT OR ${update} OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION bump_${t}_version()`,
        )
        .execute(db);
    }
    return;
  }
  for (const [t, columns] of tables)
    for (const op of ["INSERT", "UPDATE", "DELETE"]) {
      const event = op === "UPDATE" && columns ? `UPDATE OF ${columns}` : op;
      await sql.raw(`CREATE TRIGGER ${t}_table_${op.toLowerCase()} AFTER ${event} ON ${t} BEGIN ${bump(t)}; END`).execute(db);
    }
}

export async function dropTableCounters(db: Kysely<any>, tables: [table: string, columns?: string][]): Promise<void> {
  for (const [t] of tables) {
    if (isPostgres(db)) {
      await sql.raw(`DROP TRIGGER ${t}_table_version ON ${t}`).execute(db);
      await sql.raw(`DROP FUNCTION bump_${t}_version()`).execute(db);
    } else for (const op of ["insert", "update", "delete"]) await sql.raw(`DROP TRIGGER ${t}_table_${op}`).execute(db);
  }
  await db
    .deleteFrom("cache_versions")
    .where(
      "key",
      "in",
      tables.map(([t]) => `table:${t}`),
    )
    .execute();
}
