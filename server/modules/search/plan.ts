import type { Ctx } from "../../platform/context.js";
import { commonPairShares, maxEntrySeq, trigramDocCount, trigramsStartingWith } from "./vocab-repo.js";

/**
 * How SQLite should look for one term, decided from the trigram vocabulary (search_fts_vocab, 0502):
 * - "none": no entry contains it — answer at once;
 * - "index": few entries contain it — start from the n-gram index (the FTS5 query given);
 * - "scan": many do — walk the entries newest first and stop at the page, which is quicker than
 *   collecting and sorting thousands of matches.
 */
export type TermPlan = { kind: "none" } | { kind: "index"; match: string } | { kind: "scan" };

/**
 * Above this many matching entries a term is "common". Starting from the index costs about one row per
 * match (fetch and sort); walking newest first costs about page × total / matches rows. They break even
 * near √(page × total); the factor favours the index, whose rows are fetched by key.
 */
const commonAbove = (entries: number) => Math.max(500, Math.sqrt(50 * entries));
async function commonDocs(ctx: Ctx): Promise<number> {
  // The largest key is read from the primary key at once; it over-counts deleted entries, which is harmless here.
  return commonAbove(await maxEntrySeq(ctx));
}
/** A short term followed by more distinct characters than this is common as well. */
const maxPrefixTrigrams = 400;

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
const chars = (s: string) => [...s];

/** A term of three characters or more: as rare as its rarest trigram (an upper bound of its matches). */
async function longTermPlan(ctx: Ctx, term: string): Promise<TermPlan> {
  const c = chars(term.toLowerCase());
  let rarest = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 3 <= c.length && rarest > 0; i++)
    rarest = Math.min(rarest, await trigramDocCount(ctx, c.slice(i, i + 3).join("")));
  if (rarest === 0) return { kind: "none" };
  return rarest <= (await commonDocs(ctx)) ? { kind: "index", match: quote(term) } : { kind: "scan" };
}

/**
 * A one- or two-character term: every occurrence starts a trigram (texts end with two line breaks), so the
 * trigrams beginning with the term name exactly the entries that contain it.
 */
async function shortTermPlan(ctx: Ctx, term: string): Promise<TermPlan> {
  const t = term.toLowerCase();
  const rows = await trigramsStartingWith(ctx, t, maxPrefixTrigrams + 1);
  if (rows.length === 0) return { kind: "none" };
  const docs = rows.reduce((n, r) => n + Number(r.doc), 0);
  if (rows.length > maxPrefixTrigrams || docs > (await commonDocs(ctx))) return { kind: "scan" };
  return { kind: "index", match: rows.map((r) => quote(r.term)).join(" OR ") };
}

export const termPlan = (ctx: Ctx, term: string) =>
  chars(term).length >= 3 ? longTermPlan(ctx, term) : shortTermPlan(ctx, term);

const keptStatistics = new WeakMap<object, { until: number; stats: Awaited<ReturnType<typeof commonPairShares>> }>();
/** The pairs' statistics, read again at most once a minute: they change only when ANALYZE runs. */
async function pairStatistics(ctx: Ctx) {
  const kept = keptStatistics.get(ctx.db);
  if (kept && Date.now() < kept.until) return kept.stats;
  const stats = await commonPairShares(ctx);
  if (stats) keptStatistics.set(ctx.db, { until: Date.now() + 60_000, stats });
  return stats;
}

/**
 * PostgreSQL: whether a word of three characters or more is rare, from its rarest pair of characters
 * (every entry holding the word holds each of its pairs). A pair that is not among ANALYZE's most common
 * ones is rarer than all of those. The planner estimates such words from a sample of the texts, and about
 * one sample in twelve made a word found in one entry of a thousand look common: it then walked every entry
 * newest first (≈ 100 ms at 100,000 entries instead of ≈ 10). A rare word is therefore searched with that
 * walk ruled out (repo.ts). Before the first ANALYZE nothing is known, and the planner decides alone.
 */
export async function hasRareLongTerm(ctx: Ctx, terms: string[]): Promise<boolean> {
  const long = terms.map((t) => chars(t.toLowerCase())).filter((c) => c.length >= 3);
  if (!long.length) return false;
  const stats = await pairStatistics(ctx);
  if (!stats) return false;
  return long.some((c) => {
    const rarest = Math.min(...c.slice(1).map((x, i) => stats.shares.get(c[i]! + x) ?? 0));
    return rarest * stats.entries <= commonAbove(stats.entries);
  });
}
