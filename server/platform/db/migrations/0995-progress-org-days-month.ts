import { type Kysely, sql } from "kysely";

/**
 * National scale (issue 13): the totals "as of" a past day are each municipality's latest day row of that
 * day's month (migration 0980). Read from an index by day, the month's rows came in day order: PostgreSQL
 * sorted 3,000–5,000 wide rows by municipality to keep the latest of each (half of the 11 ms read), SQLite
 * handed them all over. Ordered by month, municipality and day, the index hands each municipality's rows
 * together, and each engine keeps the latest as it reads (readOrgTotals). The day index stays, narrow, for
 * finding the month (the latest day up to a day) and a month's first row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX progress_org_days_month ON progress_org_days
    (programme_id, substr(day, 1, 7), org_id, day, pct_sum, pct_n, exceptions, dues)`.execute(db);
  await db.schema.createIndex("progress_org_days_day").on("progress_org_days").columns(["programme_id", "day"]).execute();
  await db.schema.dropIndex("progress_org_days_by_day").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("progress_org_days_by_day")
    .on("progress_org_days")
    .columns(["programme_id", "day", "org_id", "pct_sum", "pct_n", "exceptions", "dues"])
    .execute();
  await db.schema.dropIndex("progress_org_days_day").execute();
  await db.schema.dropIndex("progress_org_days_month").execute();
}
