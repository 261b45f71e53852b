import { type Kysely, sql } from "kysely";

/**
 * A data step's rewrite of one column of every kept progress row (progress_org_state, then progress_org_days):
 * `write` gives each value anew from the value and its programme, a thousand rows at a time in key order,
 * each thousand by one statement (a row at a time, PostgreSQL took minutes over the benchmark's 414,808 day
 * rows); a row whose value comes back unchanged is not written. Migrations 1010 (due dates) and 1030 (cells).
 */
export async function rewriteProgressRows(
  db: Kysely<any>,
  column: "dues" | "cells",
  write: (value: string, programmeId: string) => string,
): Promise<void> {
  for (const table of ["progress_org_state", "progress_org_days"] as const) {
    const days = table === "progress_org_days";
    const key = days ? (["programme_id", "org_id", "day"] as const) : (["programme_id", "org_id"] as const);
    let after: Record<string, string> | null = null;
    for (;;) {
      let q = db
        .selectFrom(table)
        .select([...key, column])
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
        const value = write(r[column]!, r.programme_id!);
        return value === r[column] ? [] : [sql`(${sql.join([...key.map((k) => r[k]), value])})`];
      });
      if (changed.length)
        await sql`WITH v (${sql.raw([...key, column].join(", "))}) AS (VALUES ${sql.join(changed)})
          UPDATE ${sql.table(table)} SET ${sql.ref(column)} = v.${sql.raw(column)} FROM v
          WHERE ${sql.join(
            key.map((k) => sql`${sql.ref(`${table}.${k}`)} = v.${sql.raw(k)}`),
            sql` AND `,
          )}`.execute(db);
      after = rows[rows.length - 1]!;
    }
  }
}
