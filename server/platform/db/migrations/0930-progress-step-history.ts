import { type Kysely, PostgresAdapter, sql } from "kysely";
import { backfillStepHistory } from "../../../modules/progress/step-history-repo.js";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The start of today in Japan as the ISO text `at` is written in (UTC, "YYYY-MM-DDTHH:MM:SS.sssZ"). */
const todayStart = {
  sqlite: "strftime('%Y-%m-%dT%H:%M:%fZ', date('now', '+9 hours'), '-9 hours')",
  postgres: `to_char(date_trunc('day', now() AT TIME ZONE 'Asia/Tokyo') - interval '9 hours', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};
const bumpPast = "UPDATE cache_versions SET version = version + 1 WHERE key = 'progress_past'";
const bumpNow = "UPDATE cache_versions SET version = version + 1 WHERE key = 'progress'";
const ops = ["INSERT", "UPDATE", "DELETE"] as const;

/**
 * Each step's status and option over time (issue 18): the online procedures' channel — マイナポータル or
 * another e-application system — is a step's option, which the record's history row does not carry, so the
 * "as of" dashboard could not count online procedures for a past day. One row per write that changes a
 * step's status or option (progress/writer.ts, timelines.ts), the state after it; "as of" a day takes each
 * (record, step)'s latest row before the cutoff, one backward seek on the index. Existing records are
 * backfilled from their history's recorded changes (`rebuild`, progress/step-history-repo.ts).
 *
 * The as-of views read it, so writes raise their cache counters as the other tables' do: `progress`
 * (0880) on every write, `progress_past` (0921) on a row of a day before today in Japan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("progress_step_history")
    .addColumn("record_id", "text", (c) => c.notNull().references("progress_records.id").onDelete("cascade"))
    .addColumn("step_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("option", "text")
    .execute();
  await db.schema
    .createIndex("progress_step_history_asof")
    .on("progress_step_history")
    .columns(["record_id", "step_id", "at", "status", "option"])
    .execute();
  // The views computed before it (without past online figures) are stale in any running instance.
  await sql.raw(bumpNow).execute(db);
  await sql.raw(bumpPast).execute(db);
  if (isPostgres(db)) {
    await sql
      .raw(`CREATE FUNCTION bump_progress_past_steps() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        ${bumpPast} AND EXISTS (SELECT 1 FROM changed WHERE at < ${todayStart.postgres});
        RETURN NULL; END $$`)
      .execute(db);
    await sql
      .raw(
        "CREATE TRIGGER progress_step_history_progress_version AFTER INSERT OR UPDATE OR DELETE ON progress_step_history FOR EACH STATEMENT EXECUTE FUNCTION bump_progress_version()",
      )
      .execute(db);
    for (const op of ops)
      await sql
        .raw(
          `CREATE TRIGGER progress_step_history_progress_past_${op.toLowerCase()} AFTER ${op} ON progress_step_history
           REFERENCING ${op === "INSERT" ? "NEW" : "OLD"} TABLE AS changed
           FOR EACH STATEMENT EXECUTE FUNCTION bump_progress_past_steps()`,
        )
        .execute(db);
    return;
  }
  for (const op of ops) {
    const row = op === "INSERT" ? "NEW" : "OLD";
    await sql
      .raw(
        `CREATE TRIGGER progress_step_history_progress_${op.toLowerCase()} AFTER ${op} ON progress_step_history BEGIN ${bumpNow}; END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER progress_step_history_progress_past_${op.toLowerCase()} AFTER ${op} ON progress_step_history
         WHEN ${row}.at < ${todayStart.sqlite} BEGIN ${bumpPast}; END`,
      )
      .execute(db);
  }
}

export async function rebuild(db: Kysely<any>): Promise<void> {
  await backfillStepHistory({ db });
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw("DROP TABLE progress_step_history").execute(db);
    await sql.raw("DROP FUNCTION bump_progress_past_steps()").execute(db);
    return;
  }
  await db.schema.dropTable("progress_step_history").execute();
}
