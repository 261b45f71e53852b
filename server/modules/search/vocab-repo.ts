import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";
import { limitCount } from "../../platform/db/sqlite-limit.js";

/** The largest entry key, read from the primary key at once (it over-counts deleted entries). SQLite only, like the vocabulary. */
export async function maxEntrySeq(ctx: Ctx): Promise<number> {
  const r = await sql<{ n: number | null }>`SELECT max(seq) AS n FROM search_entries`.execute(ctx.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** How many entries contain a trigram (search_fts_vocab, migration 0502). */
export async function trigramDocCount(ctx: Ctx, trigram: string): Promise<number> {
  const r = await sql<{ doc: number }>`SELECT doc FROM search_fts_vocab WHERE term = ${trigram}`.execute(ctx.db);
  return Number(r.rows[0]?.doc ?? 0);
}

/** The trigrams beginning with `prefix` and how many entries contain each, at most `limit` of them. */
export async function trigramsStartingWith(ctx: Ctx, prefix: string, limit: number) {
  const rows = await sql<{ term: string; doc: number }>`SELECT term, doc FROM search_fts_vocab
    WHERE term >= ${prefix} AND term < ${`${prefix}\u{10FFFF}`} LIMIT ${limitCount(limit)}`.execute(ctx.db);
  return rows.rows;
}

/**
 * PostgreSQL: how often the most common characters and pairs occur, as a share of the entries (ANALYZE's
 * most common elements of migration 0920's index), and about how many entries there are; null before the
 * first ANALYZE.
 */
export async function commonPairShares(ctx: Ctx): Promise<{ shares: Map<string, number>; entries: number } | null> {
  const r = await sql<{ elems: string[] | null; freqs: number[] | null; entries: number }>`
    SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, c.reltuples AS entries
    FROM pg_class c LEFT JOIN pg_stats s
      ON s.schemaname = current_schema() AND s.tablename = 'search_entries_short_grams'
    WHERE c.oid = 'search_entries'::regclass`.execute(ctx.db);
  const row = r.rows[0];
  if (!row?.elems || !row.freqs || Number(row.entries) <= 0) return null;
  const freqs = row.freqs;
  return { shares: new Map(row.elems.map((e, i) => [e, Number(freqs[i])])), entries: Number(row.entries) };
}
