/**
 * The total of a paged list without a count query where the page itself tells it: a page shorter
 * than the limit is the list's last, so the total is its offset plus its rows. Only a full page, or
 * an empty page past the start, needs `count()`. Most lists of a prefecture fit on their first page,
 * so most list requests run one query instead of two.
 */
export async function pageTotal(
  rows: readonly unknown[],
  page: { limit: number; offset: number },
  count: () => Promise<number | string>,
): Promise<number> {
  if (rows.length < page.limit && (rows.length > 0 || page.offset === 0)) return page.offset + rows.length;
  return Number(await count());
}
