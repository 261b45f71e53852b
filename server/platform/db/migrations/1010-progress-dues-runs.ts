import { type Kysely, PostgresAdapter, sql } from "kysely";
import { expandDues, packDues } from "../../../modules/progress/totals-repo.js";

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
  await rewriteDues(db, packDues);
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`REINDEX progress_org_days_month`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rewriteDues(db, (dates) => dates.join(","));
}

/**
 * Every kept list of due dates written anew by `write`, a thousand rows at a time in key order, each
 * thousand by one statement (a row at a time, PostgreSQL took minutes over the benchmark's 414,785 day rows).
 */
async function rewriteDues(db: Kysely<any>, write: (dates: string[]) => string) {
  for (const table of ["progress_org_state", "progress_org_days"] as const) {
    const days = table === "progress_org_days";
    const key = days ? (["programme_id", "org_id", "day"] as const) : (["programme_id", "org_id"] as const);
    let after: Record<string, string> | null = null;
    for (;;) {
      let q = db
        .selectFrom(table)
        .select([...key, "dues"])
        .limit(1000);
      for (const k of key) q = q.orderBy(k);
      if (after) {
        const a = after;
        q = q.where((eb) =>
          eb(eb.refTuple(...(key as [string, string])), ">", eb.tuple(...(key.map((k) => a[k]) as [string, string]))),
        );
      }
      const rows = (await q.execute()) as Record<string, string>[];
      if (!rows.length) break;
      const changed = rows.flatMap((r) => {
        const dues = write(expandDues(r.dues!));
        return dues === r.dues ? [] : [sql`(${sql.join([...key.map((k) => r[k]), dues])})`];
      });
      if (changed.length)
        await sql`WITH v (${sql.raw([...key, "dues"].join(", "))}) AS (VALUES ${sql.join(changed)})
          UPDATE ${sql.table(table)} SET dues = v.dues FROM v
          WHERE ${sql.join(
            key.map((k) => sql`${sql.ref(`${table}.${k}`)} = v.${sql.raw(k)}`),
            sql` AND `,
          )}`.execute(db);
      after = rows[rows.length - 1]!;
    }
  }
}
