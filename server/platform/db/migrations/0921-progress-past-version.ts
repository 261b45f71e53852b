import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Written only by definition changes and rebuilds: any write counts. Read by the as-of views as their drivers: deletions count. */
const always = ["orgs", "progress_programmes", "progress_items", "progress_steps"];
const deletions = ["progress_org_state", "progress_item_totals"];
/** Day and month rows: a write today (the normal case) leaves the past alone; a row of an earlier day or month counts. */
const dated: [table: string, column: string, pattern: string, sqlite: string][] = [
  ["progress_org_days", "day", "YYYY-MM-DD", "date('now', '+9 hours')"],
  ["progress_item_days", "day", "YYYY-MM-DD", "date('now', '+9 hours')"],
  ["progress_rollup", "month", "YYYY-MM", "strftime('%Y-%m', 'now', '+9 hours')"],
  ["progress_rollup_totals", "month", "YYYY-MM", "strftime('%Y-%m', 'now', '+9 hours')"],
];
const ops = ["INSERT", "UPDATE", "DELETE"] as const;

/**
 * A third counter, `cache_versions.progress_past`, for the "as of" views of an earlier month
 * (progress/view-cache.ts): they read the definitions, the municipalities and the day and month rows
 * up to that day, so a write of today's figures — every ordinary edit — leaves them valid, and only a
 * definition change or a back-dated write (a rebuild, the demo seed) computes them anew. The "past" is
 * decided by the database's clock in Japan's time zone, as the instances all share it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto("cache_versions").values({ key: "progress_past", version: 1 }).execute();
  const bump = "UPDATE cache_versions SET version = version + 1 WHERE key = 'progress_past'";
  if (isPostgres(db)) {
    await sql
      .raw(`CREATE FUNCTION bump_progress_past() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF TG_NARGS = 0 THEN ${bump};
        ELSE EXECUTE format('${bump.replaceAll("'", "''")} AND EXISTS (SELECT 1 FROM changed WHERE %I < to_char(now() AT TIME ZONE ''Asia/Tokyo'', %L))', TG_ARGV[0], TG_ARGV[1]);
        END IF;
        RETURN NULL; END $$`)
      .execute(db);
    for (const t of always)
      await sql
        .raw(
          `CREATE TRIGGER ${t}_progress_past AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION bump_progress_past()`,
        )
        .execute(db);
    for (const t of deletions)
      await sql
        .raw(`CREATE TRIGGER ${t}_progress_past AFTER DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION bump_progress_past()`)
        .execute(db);
    // Transition tables name the rows a statement wrote (one trigger per event).
    for (const [t, column, pattern] of dated)
      for (const op of ops)
        await sql
          .raw(
            `CREATE TRIGGER ${t}_progress_past_${op.toLowerCase()} AFTER ${op} ON ${t}
             REFERENCING ${op === "INSERT" ? "NEW" : "OLD"} TABLE AS changed
             FOR EACH STATEMENT EXECUTE FUNCTION bump_progress_past('${column}', '${pattern}')`,
          )
          .execute(db);
    return;
  }
  for (const t of always)
    for (const op of ops)
      await sql.raw(`CREATE TRIGGER ${t}_progress_past_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN ${bump}; END`).execute(db);
  for (const t of deletions)
    await sql.raw(`CREATE TRIGGER ${t}_progress_past_delete AFTER DELETE ON ${t} BEGIN ${bump}; END`).execute(db);
  for (const [t, column, , today] of dated)
    for (const op of ops) {
      const row = op === "INSERT" ? "NEW" : "OLD";
      await sql
        .raw(
          `CREATE TRIGGER ${t}_progress_past_${op.toLowerCase()} AFTER ${op} ON ${t} WHEN ${row}.${column} < ${today} BEGIN ${bump}; END`,
        )
        .execute(db);
    }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of [...always, ...deletions]) await sql.raw(`DROP TRIGGER ${t}_progress_past ON ${t}`).execute(db);
    for (const [t] of dated)
      for (const op of ops) await sql.raw(`DROP TRIGGER ${t}_progress_past_${op.toLowerCase()} ON ${t}`).execute(db);
    await sql.raw("DROP FUNCTION bump_progress_past()").execute(db);
  } else {
    for (const t of always)
      for (const op of ops) await sql.raw(`DROP TRIGGER ${t}_progress_past_${op.toLowerCase()}`).execute(db);
    for (const t of deletions) await sql.raw(`DROP TRIGGER ${t}_progress_past_delete`).execute(db);
    for (const [t] of dated)
      for (const op of ops) await sql.raw(`DROP TRIGGER ${t}_progress_past_${op.toLowerCase()}`).execute(db);
  }
  await db.deleteFrom("cache_versions").where("key", "=", "progress_past").execute();
}
