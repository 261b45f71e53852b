import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";

/** The columns of progress_org_days that its month index carries (0995, 1020). */
type MonthIndexColumn = "pct_sum" | "pct_n" | "exceptions" | "dues" | "online";
type MonthIndexRow = { pct_sum: number | string; pct_n: number; exceptions: number; dues: string; online: string | null };

/**
 * Each municipality's latest day row of a programme up to the end of `asOf` (those with none are absent),
 * with the given columns: its latest row of the month of the last day with rows up to asOf (month starts,
 * 0980: that month's first day with rows holds every municipality tracked by then), read in one range of
 * progress_org_days_month (0995), which carries every column named here, so neither engine reads the table.
 * The range comes municipality by municipality in index order, so neither engine sorts: PostgreSQL keeps the
 * first row of each walking backward (DISTINCT ON); SQLite the row of the greatest day of each group (a bare
 * column with max() takes that row's values). On SQLite the range names its index: with the statistics of
 * years of history (STAT4) the planner preferred the primary key's for a day years back and read every row
 * found with its cells (query-plans.test.ts plans it under such statistics).
 */
export async function latestDayRows<C extends MonthIndexColumn>(
  ctx: Pick<Ctx, "db" | "engine">,
  programmeId: string,
  asOf: string,
  columns: C[],
): Promise<({ org_id: string } & Pick<MonthIndexRow, C>)[]> {
  const picked = sql.join(columns.map((c) => sql.ref(`d.${c}`)));
  const month = sql`(SELECT substr(max(m.day), 1, 7) FROM progress_org_days m
    WHERE m.programme_id = ${programmeId} AND m.day <= ${asOf})`;
  const { rows } =
    ctx.engine === "postgres"
      ? await sql<{ org_id: string } & Pick<MonthIndexRow, C>>`SELECT DISTINCT ON (d.org_id) d.org_id, ${picked}
        FROM progress_org_days d
        WHERE d.programme_id = ${programmeId} AND substr(d.day, 1, 7) = ${month} AND d.day <= ${asOf}
        ORDER BY d.org_id DESC, d.day DESC`.execute(ctx.db)
      : await sql<{ org_id: string } & Pick<MonthIndexRow, C>>`SELECT d.org_id, max(d.day) AS day, ${picked}
        FROM progress_org_days d INDEXED BY progress_org_days_month
        WHERE d.programme_id = ${programmeId} AND substr(d.day, 1, 7) = ${month} AND d.day <= ${asOf}
        GROUP BY d.org_id`.execute(ctx.db);
  return rows;
}
