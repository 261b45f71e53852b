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
