import { type SelectQueryBuilder, sql } from "kysely";

/**
 * The total of a paged list without a count query where the page itself tells it: a page shorter
 * than the limit is the list's last, so the total is its offset plus its rows. Only a full page, or
 * an empty page past the start, counts the rows of `filtered` (the list's query before its columns,
 * order and limit). Most lists of a prefecture fit on their first page, so most list requests run
 * one query instead of two.
 */
export async function pageTotal<DB, TB extends keyof DB>(
  rows: readonly unknown[],
  page: { limit: number; offset: number },
  filtered: () => SelectQueryBuilder<DB, TB, Record<never, never>>,
): Promise<number> {
  if (rows.length < page.limit && (rows.length > 0 || page.offset === 0)) return page.offset + rows.length;
  const r = await filtered()
    .select(sql<number | string>`count(*)`.as("n"))
    .$castTo<{ n: number | string }>()
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
