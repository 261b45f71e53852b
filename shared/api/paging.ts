import { z } from "zod";

/**
 * The one paging contract for every list of the API (issue 14): `?limit=&offset=`, one default and
 * one maximum, and every list answers `{ items, total }` where `total` counts the whole filtered list.
 */
const PAGE_DEFAULT = 50;
export const PAGE_MAX = 500;

export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, { error: "件数は1以上で指定してください" })
    .max(PAGE_MAX, { error: `件数は${PAGE_MAX}以下で指定してください` })
    .default(PAGE_DEFAULT),
  offset: z.coerce.number().int().min(0, { error: "開始位置は0以上で指定してください" }).default(0),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** The response shape of every list: one page of items and the count of the whole filtered list. */
export type Page<T> = { items: T[]; total: number };

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

/** The page of an array already in memory (lists that are small and filtered in code). */
export function pageArray<T>(all: readonly T[], q: PageQuery): Page<T> {
  return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
}
