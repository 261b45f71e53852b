import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";

/** The columns of progress_org_days that its month index carries (0995, 1020), and its cells index (1030). */
type MonthIndexColumn = "pct_sum" | "pct_n" | "exceptions" | "dues" | "online";
type MonthIndexRow = { pct_sum: number | string; pct_n: number; exceptions: number; dues: string; online: string | null };
type DayRowColumns = MonthIndexColumn[] | ["cells"];
type DayRow<C> = C extends ["cells"] ? { cells: string } : Pick<MonthIndexRow, C extends MonthIndexColumn[] ? C[number] : never>;

/**
 * Each municipality's latest day row of a programme up to the end of `asOf` (those with none are absent),
 * with the given columns: its latest row of the month of the last day with rows up to asOf (month starts,
 * 0980: that month's first day with rows holds every municipality tracked by then), read in one range of
 * progress_org_days_month (0995), which carries every column named here, so neither engine reads the table; or
 * with their cells, from progress_org_days_cells (1030), ordered the same (the heatmap as of a past day: 1,741
 * seeks for each one's latest row, one per municipality, took two to three times as long on both engines).
 * The range comes municipality by municipality in index order, so neither engine sorts: PostgreSQL keeps the
 * first row of each walking backward (DISTINCT ON); SQLite the row of the greatest day of each group (a bare
 * column with max() takes that row's values). On SQLite the range names its index: with the statistics of
 * years of history (STAT4) the planner preferred the primary key's for a day years back and read every row
 * found with its cells (query-plans.test.ts plans it under such statistics).
 */
export async function latestDayRows<C extends DayRowColumns>(
  ctx: Pick<Ctx, "db" | "engine">,
  programmeId: string,
  asOf: string,
  columns: C,
): Promise<({ org_id: string } & DayRow<C>)[]> {
  const picked = sql.join(columns.map((c) => sql.ref(`d.${c}`)));
  const month = sql`(SELECT substr(max(m.day), 1, 7) FROM progress_org_days m
    WHERE m.programme_id = ${programmeId} AND m.day <= ${asOf})`;
  // The cells index holds the rows with cells (1030): a municipality's latest row without any has none before it.
  const cells = columns[0] === "cells";
  const range = sql`d.programme_id = ${programmeId} AND substr(d.day, 1, 7) = ${month} AND d.day <= ${asOf}${
    cells ? sql` AND d.cells <> ''` : sql``
  }`;
  const { rows } =
    ctx.engine === "postgres"
      ? await sql<{ org_id: string } & DayRow<C>>`SELECT DISTINCT ON (d.org_id) d.org_id, ${picked}
        FROM progress_org_days d
        WHERE ${range}
        ORDER BY d.org_id DESC, d.day DESC`.execute(ctx.db)
      : await sql<{ org_id: string } & DayRow<C>>`SELECT d.org_id, max(d.day) AS day, ${picked}
        FROM progress_org_days d INDEXED BY ${sql.raw(cells ? "progress_org_days_cells" : "progress_org_days_month")}
        WHERE ${range}
        GROUP BY d.org_id`.execute(ctx.db);
  return rows;
}
