import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";
import { limitCount } from "../../platform/db/sqlite-limit.js";

/** Branches per statement, under SQLite's limit of 500 terms in a compound SELECT. */
const BRANCHES = 400;

/**
 * The newest `n` history rows over several records, as (record, time) keys: each record's newest `n`
 * times (one short backward walk of progress_history_asof each, answered by the index alone: the row's
 * id would cost a read of each of the n × records rows, scattered over years of history), merged — in
 * one statement (newestTimes) rather than one round trip per record. One query over all of them
 * by date would make PostgreSQL walk the whole history by date, which at national scale is millions of
 * rows for one town's page.
 */
export async function latestHistoryKeys(
  ctx: Pick<Ctx, "db" | "engine">,
  recordIds: string[],
  n: number,
): Promise<{ recordId: string; at: string }[]> {
  const found: { recordId: string; at: string; k: number }[] = [];
  for (let i = 0; i < recordIds.length; i += BRANCHES) {
    const { rows } = await newestTimes(ctx, recordIds.slice(i, i + BRANCHES), i, n);
    for (const r of rows) found.push({ recordId: recordIds[Number(r.k)]!, at: r.at, k: Number(r.k) });
  }
  // As the records were given (and each record's rows newest first), then newest first overall.
  return found
    .map((r, pos) => ({ ...r, pos }))
    .sort((a, b) => a.k - b.k || a.pos - b.pos)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, n)
    .map((r) => ({ recordId: r.recordId, at: r.at }));
}

/**
 * Each record's newest `n` times, with the record's position (`offset` + its index in `ids`) as k. PostgreSQL
 * takes the records as one array parameter and walks each by a LATERAL subquery: the same index walks as the
 * UNION ALL branches, but one short statement to plan — planning 46 branches took ≈ 9 ms of a town page's
 * ≈ 35 (EXPLAIN ANALYZE, national scale). SQLite has no LATERAL and plans the branches in microseconds.
 */
function newestTimes(ctx: Pick<Ctx, "db" | "engine">, ids: string[], offset: number, n: number) {
  if (ctx.engine === "postgres")
    return sql<{ at: string; k: number | string }>`SELECT h.at, r.k + ${offset} - 1 AS k
      FROM unnest(CAST(${ids} AS text[])) WITH ORDINALITY AS r(id, k)
      CROSS JOIN LATERAL (SELECT at FROM progress_history WHERE record_id = r.id ORDER BY at DESC LIMIT ${n}) AS h`.execute(
      ctx.db,
    );
  const branches = ids.map(
    (id, j) =>
      sql`SELECT * FROM (SELECT at, ${sql.lit(offset + j)} AS k FROM progress_history WHERE record_id = ${id} ORDER BY at DESC LIMIT ${limitCount(n)}) AS ${sql.ref(`b${j}`)}`,
  );
  return sql<{ at: string; k: number | string }>`${sql.join(branches, sql` UNION ALL `)}`.execute(ctx.db);
}
