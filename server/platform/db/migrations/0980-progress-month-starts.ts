import type { Kysely } from "kysely";
import { fillMonthStarts } from "../../../modules/progress/totals-repo.js";

/**
 * National scale (issue 13): a municipality's totals "as of" a past day were one backward seek per
 * municipality into day rows spread over years (1,741 seeks, each on its own index page: 10–20 ms, more
 * on a PostgreSQL connection that has not read those pages yet). Month starts (progress/totals-repo.ts)
 * copy each municipality's latest row to the first day with rows of every month, and the day index below
 * reads one month's rows in one range. The totals index of 0710 served only the seeks: dropped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("progress_org_days_by_day")
    .on("progress_org_days")
    .columns(["programme_id", "day", "org_id", "pct_sum", "pct_n", "exceptions", "dues"])
    .execute();
  await db.schema.dropIndex("progress_org_days_totals").execute();
}

/** The month starts of the history already kept. */
export async function rebuild(db: Kysely<any>): Promise<void> {
  const programmes = await db.selectFrom("progress_programmes").select("id").execute();
  for (const p of programmes) await fillMonthStarts({ db }, p.id as string);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("progress_org_days_totals")
    .on("progress_org_days")
    .columns(["programme_id", "org_id", "day", "pct_sum", "pct_n", "exceptions", "dues"])
    .execute();
  await db.schema.dropIndex("progress_org_days_by_day").execute();
}
