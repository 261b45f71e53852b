/**
 * bench:search — search latency over n-gram indexes on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm),
 * for 1-, 2- and 4-character Japanese queries, searched as a municipal user (visibility filter on),
 * plus the index size. Entries are notices, documents and challenges of generated council text.
 *   npm run bench:search                     (20,000 entries; PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 *   SCALE=full npm run bench:search          (100,000 entries, the figure; several minutes)
 *   ENTRIES=5000 RUNS=30 npm run bench:search
 * Each query is timed the first time after a change (the kept result pages dropped) and again (from memory).
 * Write cost: the bulk load's time per entry, and one entry re-indexed through indexEntry (p50/p95).
 */
import { type Insertable, sql } from "kysely";
import { indexEntry } from "../server/modules/search/index-entry.js";
import { normalizeText } from "../server/modules/search/normalize.js";
import { search } from "../server/modules/search/service.js";
import type { SearchEntriesTable } from "../server/modules/search/tables.js";
import type { Actor, Ctx } from "../server/platform/context.js";
import type { Database } from "../server/platform/db/database.js";
import { raiseCacheCounters } from "../server/platform/testing/cache-counters.js";
import { makeEntry, rng } from "./search-data.js";
import { onEachEngine, openBenchDatabase, percentile as pct } from "./support.js";

const entries = Number(process.env.ENTRIES ?? (process.env.SCALE === "full" ? 100_000 : 20_000));
const runs = Number(process.env.RUNS ?? 40);
const queries: Record<string, string[]> = {
  "1 char": ["税", "県", "窓", "AI", "費"].filter((q) => [...q].length === 1),
  "2 chars": ["戸籍", "移行", "窓口", "福祉", "経費"],
  "4 chars": ["住民記録", "共同調達", "電子契約", "移行計画", "運用経費"],
  // Harder cases: a word in one entry of a thousand, and words that occur nowhere (nothing stops a scan early).
  "1, rare": ["獣"],
  "2, rare": ["鳥獣"],
  "4, rare": ["鳥獣被害"],
  "1, none": ["鯨", "漁"],
  "2, none": ["漁港", "除雪"],
  "4, none": ["漁港整備", "除雪計画"],
};

async function fill(ctx: Ctx, bodyIds: string[], orgIds: string[]) {
  const rand = rng(42);
  const batch = 500;
  const now = new Date().toISOString();
  for (let start = 0; start < entries; start += batch) {
    const rows: Insertable<SearchEntriesTable>[] = [];
    for (let i = start; i < Math.min(entries, start + batch); i++) {
      const e = makeEntry(i, rand);
      // Mostly council-wide; some members-only body material and some organisation-private items.
      const r = rand();
      const scope =
        r < 0.75
          ? { t: "all" as const, id: null }
          : r < 0.9
            ? { t: "body" as const, id: bodyIds[i % bodyIds.length]! }
            : { t: "org" as const, id: orgIds[i % orgIds.length]! };
      rows.push({
        kind: e.kind,
        ref_id: `bench-${i}`,
        title: e.title,
        search_text: normalizeText(`${e.title}\n${e.text}`),
        date: e.date,
        link: `/x/${i}`,
        scope_type: scope.t,
        scope_id: scope.id,
        updated_at: now,
      });
    }
    await ctx.db.transaction().execute((tx) => tx.insertInto("search_entries").values(rows).execute());
  }
}

async function indexSize(db: Database): Promise<string> {
  if (db.engine === "postgres") {
    const r = await sql<{ table: string; trgm: string; pairs: string; total: string }>`SELECT
      pg_size_pretty(pg_relation_size('search_entries')) AS table,
      pg_size_pretty(pg_relation_size('search_entries_trgm')) AS trgm,
      pg_size_pretty(pg_relation_size('search_entries_short_grams')) AS pairs,
      pg_size_pretty(pg_total_relation_size('search_entries')) AS total`.execute(db.db);
    const x = r.rows[0]!;
    return `table ${x.table}, trigram GIN index ${x.trgm}, pairs GIN index ${x.pairs}, total with all indexes and TOAST ${x.total}`;
  }
  const r = await sql<{ name: string; bytes: number }>`SELECT name, SUM(pgsize) AS bytes FROM dbstat
    WHERE name LIKE 'search_%' OR name LIKE 'sqlite_autoindex_search%' GROUP BY name`.execute(db.db);
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const fts = r.rows.filter((x) => x.name.startsWith("search_fts")).reduce((s, x) => s + Number(x.bytes), 0);
  const all = r.rows.reduce((s, x) => s + Number(x.bytes), 0);
  return `table + b-tree indexes ${mb(all - fts)}, FTS5 trigram index ${mb(fts)}, total ${mb(all)}`;
}

interface Figures {
  p50: number;
  p95: number;
}

/**
 * Each query length, searched the first time after a change (the search's kept pages dropped by raising
 * its counter, as any write to the index does: what a query the server has not seen costs), and again
 * (the page kept in memory, versioned-cache.ts).
 */
async function measure(ctx: Ctx) {
  const out: Record<string, { first: Figures; again: Figures; hits: number }> = {};
  const timed = async (q: string) => {
    const t = process.hrtime.bigint();
    const res = await search(ctx, { q, kinds: [], limit: 20, offset: 0 });
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, hits: res.items.length };
  };
  for (const [label, qs] of Object.entries(queries)) {
    const [first, again]: [number[], number[]] = [[], []];
    let hits = 0;
    for (const q of qs) await search(ctx, { q, kinds: [], limit: 20, offset: 0 }); // warm-up
    for (let i = 0; i < runs; i++) {
      const q = qs[i % qs.length]!;
      await raiseCacheCounters(ctx.db, "table:search_entries");
      const r = await timed(q);
      first.push(r.ms);
      hits += r.hits;
      again.push((await timed(q)).ms);
    }
    const figures = (xs: number[]) => ({ p50: pct(xs, 50), p95: pct(xs, 95) });
    out[label] = { first: figures(first), again: figures(again), hits: hits / runs };
  }
  return out;
}

/** One entry's text replaced through indexEntry, each in its own transaction (the write path of every module). */
async function writeCost(ctx: Ctx) {
  const rand = rng(7);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const e = makeEntry(i, rand);
    const t = process.hrtime.bigint();
    await ctx.db.transaction().execute((tx) =>
      indexEntry(
        { ...ctx, db: tx },
        {
          kind: e.kind,
          refId: `bench-${i * 7}`,
          title: e.title,
          text: e.text,
          date: e.date,
          link: `/x/${i * 7}`,
          scope: { type: "all" },
        },
      ),
    );
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

/** "SQLite 3.x (FTS5 trigram)" or "PostgreSQL 16.x (pg_trgm GIN, …)". */
async function engineName(database: Database): Promise<string> {
  if (database.engine === "postgres") {
    const v = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db)).rows[0]!.v;
    return `PostgreSQL ${v} (pg_trgm GIN, pairs GIN for short words)`;
  }
  const v = (await sql<{ v: string }>`SELECT sqlite_version() AS v`.execute(database.db)).rows[0]!.v;
  return `SQLite ${v} (FTS5 trigram)`;
}

async function benchEngine(_engine: string, databaseUrl?: string) {
  const bench = await openBenchDatabase({ databaseUrl });
  const { database, ctx: base } = bench;
  const name = await engineName(database);
  const demo = await bench.seedDemo();
  const t0 = Date.now();
  await fill(base, Object.values(demo.bodies), Object.values(demo.orgs));
  if (database.engine === "postgres") await sql`ANALYZE search_entries`.execute(database.db);
  const loadS = (Date.now() - t0) / 1000;
  const user = await database.db.selectFrom("users").selectAll().where("email", "=", "abu@example.jp").executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: user.id,
    orgId: user.org_id,
    orgKind: "town",
    role: "municipal",
    isOrgAdmin: false,
    email: user.email,
    name: user.name,
    twoFactorEnabled: false,
  };
  const results = await measure({ ...base, actor });
  const writes = await writeCost(base);
  console.log(
    `\n${name}: ${entries.toLocaleString()} entries indexed in ${loadS.toFixed(1)} s (${((loadS * 1000) / entries).toFixed(2)} ms an entry); ${await indexSize(database)}`,
  );
  console.log(
    `  one entry re-indexed (indexEntry, own transaction): p50 ${writes.p50.toFixed(1)} ms, p95 ${writes.p95.toFixed(1)} ms`,
  );
  console.log("            first after a change   again (kept page)");
  console.log("  query     p50 (ms)  p95 (ms)   p50 (ms)  p95 (ms)  hits/page");
  const ms = (n: number) => n.toFixed(1).padStart(8);
  for (const [label, r] of Object.entries(results))
    console.log(
      `  ${label.padEnd(8)}  ${ms(r.first.p50)}  ${ms(r.first.p95)}   ${ms(r.again.p50)}  ${ms(r.again.p95)}  ${r.hits.toFixed(1).padStart(9)}`,
    );
  await bench.close();
}

async function main() {
  console.log(
    `bench:search — ${entries.toLocaleString()} entries, ${runs} searches per query length, as a municipal user, 20 hits per page`,
  );
  await onEachEngine(benchEngine);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
