import { sql } from "kysely";
import { type Actor, type Ctx, inTx } from "../../platform/context.js";
import { contains } from "../../platform/db/contains.js";
import { hasRareLongTerm, termPlan } from "./plan.js";
import { runsCouncil } from "./scopes.js";
import { visibleEntries } from "./scopes-repo.js";
import type { SearchEntriesTable, SearchKind } from "./tables.js";

export interface SearchFilter {
  terms: string[];
  kinds: SearchKind[];
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const like = (t: string) => contains({ engine: "sqlite" }, "e.search_text", t);
const ilike = (t: string) => contains({ engine: "postgres" }, "e.search_text", t);

type Query = ReturnType<typeof baseQuery>;

function baseQuery(ctx: Ctx, actor: Actor, f: SearchFilter) {
  let q = ctx.db.selectFrom("search_entries as e").select(["e.kind", "e.ref_id", "e.title", "e.search_text", "e.date", "e.link"]);
  if (!runsCouncil(actor)) q = q.where(visibleEntries(actor));
  if (f.kinds.length > 0) q = q.where("e.kind", "in", f.kinds);
  if (f.from) q = q.where("e.date", ">=", f.from);
  if (f.to) q = q.where("e.date", "<=", f.to);
  return q;
}

/**
 * SQLite: each term planned from the trigram vocabulary (plan.ts). Rare terms start from the FTS5 index;
 * common ones are only checked with LIKE while walking the date index newest first, which stops as soon
 * as the page is full (collecting and sorting tens of thousands of matches would not). LIKE, the exact
 * substring rule, checks every term, so the n-grams only ever narrow the candidates.
 */
async function sqliteMatch(ctx: Ctx, q: Query, terms: string[]): Promise<Query | null> {
  for (const t of terms) {
    const plan = await termPlan(ctx, t);
    if (plan.kind === "none") return null;
    if (plan.kind === "index")
      q = q.where(sql<boolean>`e.seq IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${plan.match})`);
    q = q.where(like(t));
  }
  return q;
}

/**
 * PostgreSQL: ILIKE is the rule; pg_trgm's GIN index serves terms of three characters or more, and the
 * index of characters and character pairs (migration 0920) one- and two-character terms; the planner
 * (with ANALYZE's statistics) chooses between an index and the newest-first walk, which stops at the
 * page for common words. A short term that lower-cases to more characters stays with ILIKE alone.
 */
function postgresMatch(q: Query, terms: string[]): Query {
  for (const t of terms) {
    const lower = t.toLowerCase();
    if ([...lower].length <= 2) q = q.where(sql<boolean>`search_short_grams(e.search_text) @> ARRAY[lower(${t})]::text[]`);
    q = q.where(ilike(t));
  }
  return q;
}

/**
 * Entries matching every term that the actor may see, newest first; one more row than asked tells whether more follow.
 * On PostgreSQL a rare word of three characters or more is searched with index scans off (plan.ts,
 * hasRareLongTerm): the newest-first walk is an index scan, the trigram and pairs indexes are read by bitmap.
 */
export async function findEntries(ctx: Ctx, actor: Actor, f: SearchFilter) {
  if (ctx.engine === "postgres" && !ctx.db.isTransaction && (await hasRareLongTerm(ctx, f.terms)))
    return inTx(ctx, async (tx) => {
      await sql`SET LOCAL enable_indexscan = off`.execute(tx.db);
      return pageOfEntries(tx, actor, f);
    });
  return pageOfEntries(ctx, actor, f);
}

async function pageOfEntries(ctx: Ctx, actor: Actor, f: SearchFilter) {
  const base = baseQuery(ctx, actor, f);
  const q = ctx.engine === "sqlite" ? await sqliteMatch(ctx, base, f.terms) : postgresMatch(base, f.terms);
  if (!q) return { rows: [], hasMore: false };
  const rows = await q
    .orderBy("e.date", "desc")
    .orderBy("e.seq", "desc")
    .limit(f.limit + 1)
    .offset(f.offset)
    .execute();
  return { rows: rows.slice(0, f.limit), hasMore: rows.length > f.limit };
}

/** Adds or replaces the entry of (kind, refId). */
export async function upsertEntry(
  ctx: Ctx,
  kind: SearchKind,
  refId: string,
  row: Omit<SearchEntriesTable, "seq" | "kind" | "ref_id">,
) {
  await ctx.db
    .insertInto("search_entries")
    .values({ kind, ref_id: refId, ...row })
    .onConflict((oc) => oc.columns(["kind", "ref_id"]).doUpdateSet(row))
    .execute();
}

export async function deleteEntry(ctx: Ctx, kind: SearchKind, refId: string) {
  await ctx.db.deleteFrom("search_entries").where("kind", "=", kind).where("ref_id", "=", refId).execute();
}
