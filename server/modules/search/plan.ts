import type { Ctx } from "../../platform/context.js";
import { maxEntrySeq, trigramDocCount, trigramsStartingWith } from "./vocab-repo.js";

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
async function commonDocs(ctx: Ctx): Promise<number> {
  // The largest key is read from the primary key at once; it over-counts deleted entries, which is harmless here.
  return Math.max(500, Math.sqrt(50 * (await maxEntrySeq(ctx))));
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
