import { type Kysely, PostgresAdapter, sql } from "kysely";
import { expandDues, packDues } from "../../../modules/progress/totals-repo.js";
import { rewriteProgressRows } from "./progress-rows.js";

/**
 * National scale (issue 13): the "as of" totals read one month of progress_org_days' month index (0995),
 * whose entries carried each municipality's due dates one per cell ("2022-05-01,2022-05-01,…", 236
 * characters in the benchmark's data): two thirds of each entry, and of the pages a past day reads from
 * disk. They are kept as runs now ("2022-05-01*11,…", totals-repo.ts packDues). The data step packs the
 * lists already kept. SQLite then rebuilds the month index compact; PostgreSQL cannot inside the step's
 * transaction (a rebuild there keeps the old row versions too: 173 → 199 MB), so autovacuum frees their
 * entries and later rows fill the space (`REINDEX INDEX progress_org_days_month` compacts it at once).
 */
export async function up(): Promise<void> {}

export async function rebuild(db: Kysely<any>): Promise<void> {
  await rewriteProgressRows(db, "dues", (dues) => packDues(expandDues(dues)));
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`REINDEX progress_org_days_month`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rewriteProgressRows(db, "dues", (dues) => expandDues(dues).join(","));
}
