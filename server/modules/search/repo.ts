import { type ExpressionBuilder, sql } from "kysely";
import type { Actor, Ctx } from "../../platform/context.js";
import type { DB } from "../../platform/db/schema.js";
import type { SearchEntriesTable, SearchKind } from "./tables.js";

export interface SearchFilter {
  terms: string[];
  kinds: SearchKind[];
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const seesEverything = (a: Actor) => a.role === "admin" || a.role === "secretariat";
const isStaff = (a: Actor) => a.role === "admin" || a.role === "secretariat" || a.role === "specialist";
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The visibility rule of index-entry.ts's scopes, in SQL, for one actor. Mirrors body.read
 * (open body, or the actor's organisation or person is a current member) and the consultation rule.
 */
function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { e: SearchEntriesTable }, "e">) => {
    const myBodies = eb
      .selectFrom("bodies")
      .select("id")
      .where("visibility", "=", "all")
      .union(
        eb
          .selectFrom("body_members")
          .select("body_id as id")
          .where((m) => m.or([m("org_id", "=", actor.orgId), m("user_id", "=", actor.userId)]))
          .where((m) => m.or([m("term_end", "is", null), m("term_end", ">=", today())])),
      );
    const staff = isStaff(actor);
    return eb.or([
      eb("e.scope_type", "=", "all"),
      eb.and([eb("e.scope_type", "=", "body"), eb("e.scope_id", "in", myBodies)]),
      staff ? eb("e.scope_type", "=", "org") : eb.and([eb("e.scope_type", "=", "org"), eb("e.scope_id", "=", actor.orgId)]),
      ...(staff ? [eb("e.scope_type", "=", "staff")] : []),
    ]);
  };
}

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const charLength = (s: string) => [...s].length;

/** An FTS5 query: each term a quoted phrase (the trigram tokenizer then matches it as a substring), ANDed. */
const ftsQuery = (terms: string[]) => terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(" AND ");

/**
 * Entries matching every term that the actor may see, newest first. Terms of three characters or more
 * use the n-gram index (FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL); shorter terms cannot be
 * answered from trigrams, so they are checked with LIKE on the rows (restricted by the other terms when
 * there are any, otherwise a scan in date order that stops at the page).
 */
export async function findEntries(ctx: Ctx, actor: Actor, f: SearchFilter) {
  const long = f.terms.filter((t) => charLength(t) >= 3);
  const short = f.terms.filter((t) => charLength(t) < 3);
  let q = ctx.db.selectFrom("search_entries as e").select(["e.kind", "e.ref_id", "e.title", "e.search_text", "e.date", "e.link"]);
  if (!seesEverything(actor)) q = q.where(visibleTo(actor));
  if (f.kinds.length > 0) q = q.where("e.kind", "in", f.kinds);
  if (f.from) q = q.where("e.date", ">=", f.from);
  if (f.to) q = q.where("e.date", "<=", f.to);
  if (ctx.engine === "sqlite") {
    if (long.length > 0)
      q = q.where("e.seq", "in", sql<number>`(SELECT rowid FROM search_fts WHERE search_fts MATCH ${ftsQuery(long)})`);
    for (const t of short) q = q.where(sql<boolean>`e.search_text LIKE ${likePattern(t)} ESCAPE '\\'`);
  } else {
    for (const t of [...long, ...short]) q = q.where(sql<boolean>`e.search_text ILIKE ${likePattern(t)} ESCAPE '\\'`);
  }
  const rows = await q
    .orderBy("e.date", "desc")
    .orderBy("e.seq", "desc")
    .limit(f.limit + 1)
    .offset(f.offset)
    .execute();
  return { rows: rows.slice(0, f.limit), hasMore: rows.length > f.limit };
}
