import { type Kysely, PostgresAdapter, sql } from "kysely";

/** The tables a signed-in request's session statement reads (platform/auth/session.ts). */
const tables = ["sessions", "users", "orgs", "cache_versions"];
/** The triggers' names: the listener trusts what it hears only while all of them are there and enabled. */
export const notifyTriggers = tables.map((t) => `${t}_notify_change`);

/**
 * PostgreSQL only (issue 13): every committed change to what the session statement reads raises a
 * notification on the channel `renkei_changes`. Each instance listens (db/change-listener.ts) and, while
 * it hears none, answers a signed-in request's session from memory instead of a round trip, as SQLite does
 * with `PRAGMA data_version`. `cache_versions` is raised by the triggers of migrations 0650, 0880, 0921,
 * 0950 and 0960, so a write to any table behind a cached list is heard too. A notification is sent at
 * commit and only then (none for a rolled-back transaction); several in one transaction are sent once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE FUNCTION renkei_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('renkei_changes', ''); RETURN NULL; END $$`.execute(db);
  for (const t of tables)
    await sql
      .raw(
        `CREATE TRIGGER ${t}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION renkei_notify_change()`,
      )
      .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const t of tables) await sql.raw(`DROP TRIGGER ${t}_notify_change ON ${t}`).execute(db);
  await sql`DROP FUNCTION renkei_notify_change()`.execute(db);
}
