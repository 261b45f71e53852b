import { type Kysely, sql } from "kysely";

/**
 * National scale (issue 13): the online procedures' counts "as of" a past day (0935) were read with one
 * backward seek per municipality into progress_org_days_online: 1,741 seeks, 8–12 ms of the as-of summary
 * of a programme with online procedures on PostgreSQL with the data in memory, and one page from disk each
 * without. The month index (0995) now carries the counts, so they come from the same range of it as the
 * totals (day-rows-repo.ts latestDayRows; month starts, 0980, copy them), and the per-municipality index
 * goes: one index fewer to write on every record change.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("progress_org_days_month").execute();
  await sql`CREATE INDEX progress_org_days_month ON progress_org_days
    (programme_id, substr(day, 1, 7), org_id, day, pct_sum, pct_n, exceptions, dues, online)`.execute(db);
  await db.schema.dropIndex("progress_org_days_online").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("progress_org_days_online")
    .on("progress_org_days")
    .columns(["programme_id", "org_id", "day", "online"])
    .execute();
  await db.schema.dropIndex("progress_org_days_month").execute();
  await sql`CREATE INDEX progress_org_days_month ON progress_org_days
    (programme_id, substr(day, 1, 7), org_id, day, pct_sum, pct_n, exceptions, dues)`.execute(db);
}
