import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

/**
 * Raises the cache counters whose keys match `pattern` (SQL LIKE, e.g. "table:%" or "table:search_entries"),
 * as a write to the tables behind them would: the next request computes what they guard anew instead of
 * answering from its copy (versioned-cache.ts). For tests and benchmarks that must see a route's own SQL.
 */
export const raiseCacheCounters = (db: Kysely<DB>, pattern: string) =>
  db
    .updateTable("cache_versions")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("key", "like", pattern)
    .execute();
