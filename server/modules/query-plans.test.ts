import SQLite from "better-sqlite3";
import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../shared/dates/calendar.js";
import { jstDate } from "../../shared/dates/jst.js";
import { raiseCacheCounters } from "../platform/testing/cache-counters.js";
import { type TestEnv, testEnv } from "../platform/testing/harness.js";
import { queryRecorder, type RecordedQuery } from "../platform/testing/query-recorder.js";
import { seedDemoContent } from "./demo/content.js";

/**
 * The hot routes' queries must stay index-served: each route is answered once with every query
 * recorded, and each read is planned by the engine. A full scan of a table fails the test, except
 * for the small reference tables read whole on purpose (and then kept in memory or grouped once).
 * SQLite: EXPLAIN QUERY PLAN must not show `SCAN <table>` without an index. PostgreSQL: with
 * sequential scans disabled the plan must not still contain a `Seq Scan` (no index can serve it).
 */
const readWhole = new Set([
  "settings",
  "cache_versions",
  "bodies",
  "body_members", // current memberships, read once per change into memory (bodies/standing.ts)
  "progress_programmes",
  "orgs", // the dashboard lists every municipality
  "search_fts_vocab", // FTS5 vocabulary (virtual)
]);

/**
 * Each hot route with the most queries one request may issue when it computes its answer (the session
 * lookup included, which also reads the cache counters; a cached list then issues none but that): a route that starts reading per row, or reads the same thing
 * twice, fails here before it shows in bench:http.
 */
const hot: { url: string; as: string; max: number }[] = [
  { url: "/api/me", as: "shunan@example.jp", max: 1 }, // answered from the session's own statement
  { url: "/api/notifications/unread-count", as: "shunan@example.jp", max: 2 },
  { url: "/api/notifications?unread=true&limit=5&offset=0", as: "shunan@example.jp", max: 3 },
  // + the council year's deadlines: unanswered date polls, open minutes reviews.
  { url: "/api/home", as: "shunan@example.jp", max: 6 },
  { url: "/api/home", as: "secretariat@example.jp", max: 9 },
  { url: "/api/bodies", as: "shunan@example.jp", max: 1 },
  { url: "/api/meetings", as: "shunan@example.jp", max: 2 },
  { url: "/api/notices", as: "shunan@example.jp", max: 3 },
  { url: "/api/consultations", as: "secretariat@example.jp", max: 4 },
  { url: "/api/consultations", as: "shunan@example.jp", max: 4 },
  // The desk queue's filters (migrations 0711–0712; bench:desk at 50,000 consultations).
  ...[
    "status=open&sort=due",
    "status=in_progress&category=standardisation",
    "assigneeId=me&status=open",
    "assigneeId=none&status=new",
    "due=overdue",
    `q=${encodeURIComponent("ガバメントクラウド")}`,
    "sort=activity&offset=50",
  ].map((filter) => ({ url: `/api/consultations?${filter}&limit=50`, as: "specialist@example.jp", max: 4 })),
  { url: "/api/consultations?sort=newest&limit=50", as: "kaminoseki@example.jp", max: 4 },
  { url: "/api/surveys", as: "shunan@example.jp", max: 6 },
  { url: "/api/surveys", as: "secretariat@example.jp", max: 6 },
  { url: "/api/documents", as: "shunan@example.jp", max: 3 },
  { url: "/api/challenges", as: "shunan@example.jp", max: 3 },
  { url: "/api/progress/dashboard", as: "secretariat@example.jp", max: 10 },
  // Computed once per change (progress/view-cache.ts): the counters, then on a change the maintained totals.
  { url: "/api/progress/dashboard/matrix", as: "secretariat@example.jp", max: 8 },
  { url: `/api/progress/dashboard?asOf=${addDays(jstDate(), -40)}`, as: "secretariat@example.jp", max: 10 },
  { url: `/api/search?q=${encodeURIComponent("デジタル")}`, as: "shunan@example.jp", max: 5 },
];

let env: TestEnv;
let recorder: Awaited<ReturnType<typeof queryRecorder>>;
beforeAll(async () => {
  env = await testEnv();
  await seedDemoContent(env.ctx, env.demo);
  recorder = await queryRecorder(env.config);
});
afterAll(() => recorder?.close());

const isRead = (q: RecordedQuery) => /^\s*(select|with)\b/i.test(q.sql);

/** What SQLite's EXPLAIN QUERY PLAN says of a recorded query, one line per step. */
async function sqlitePlan(q: RecordedQuery): Promise<string[]> {
  const { rows } = await env.database.db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.params]),
  );
  return rows.map((r) => r.detail);
}

/** Raises the cache counters whose keys match `pattern` (SQL LIKE), so the next request computes what they guard anew. */
const raiseCounters = (pattern: string) => () => raiseCacheCounters(env.database.db, pattern);
/** The past views' counter (0921): a kept "as of" view of an earlier month is computed again. */
const raisePastCounter = raiseCounters("progress_past");
/**
 * Every table counter (0950): the next request computes its cached list anew, so its queries are
 * recorded and planned (a list served from memory issues only the session lookup).
 */
const raiseTableCounters = raiseCounters("table:%");

/** The queries of `url` computed anew (past counter raised in between); none may scan a table not read whole. */
async function recordPastView(url: string, cookie: string) {
  const recorded = await recorder.record(url, cookie, raisePastCounter);
  const bad: string[] = [];
  for (const q of recorded.filter(isRead))
    for (const table of await scans(q)) if (!readWhole.has(table)) bad.push(`${table}: ${q.sql}`);
  expect(bad).toEqual([]);
  return recorded;
}

/** The tables (or aliases) a plan reads by a full scan. */
async function scans(q: RecordedQuery): Promise<string[]> {
  if (env.database.engine === "sqlite") {
    const rows = (await sqlitePlan(q)).map((detail) => ({ detail }));
    // "SCAN t", "SCAN t AS x" — but not "SCAN t USING INDEX …" (an ordered walk), a virtual table, or the
    // few rows of a subquery (a CO-ROUTINE or MATERIALIZE step, whose own plan is checked line by line).
    const subqueries = new Set(rows.map((r) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)$/.exec(r.detail)?.[1]));
    return rows.map((r) => /^SCAN (\S+)(?: AS \S+)?$/.exec(r.detail)?.[1]).filter((t): t is string => !!t && !subqueries.has(t));
  }
  return (await pgPlan(q, { seqscan: false })).filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"]!);
}

/** Every node of PostgreSQL's plan for a recorded query (with sequential scans off: what no index can serve; with sorts off: what no index gives in order). */
async function pgPlan(q: RecordedQuery, o: { seqscan: boolean; sort?: boolean }): Promise<PlanNode[]> {
  return env.database.db.transaction().execute(async (trx) => {
    if (!o.seqscan) await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    if (o.sort === false) await sql`SET LOCAL enable_sort = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
      CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${q.sql}`, [...q.params]),
    );
    const out: PlanNode[] = [];
    const walk = (n: PlanNode) => {
      out.push(n);
      for (const c of n.Plans ?? []) walk(c);
    };
    walk(rows[0]!["QUERY PLAN"][0]!.Plan);
    return out;
  });
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

describe("hot queries use indexes", () => {
  it.each(hot)("$url as $as", async ({ url, as, max }) => {
    const user = await env.as(as);
    const recorded = await recorder.record(url, user.cookie, raiseTableCounters);
    expect(recorded.length).toBeLessThanOrEqual(max);
    const queries = recorded.filter(isRead);
    expect(queries.length).toBeGreaterThan(0);
    const bad: string[] = [];
    for (const q of queries) for (const table of await scans(q)) if (!readWhole.has(table)) bad.push(`${table}: ${q.sql}`);
    expect(bad).toEqual([]);
  });
});

describe("a town's progress page", () => {
  it("reads its records, its recent changes in one statement (not one per record) and the rest from memory", async () => {
    const user = await env.as("secretariat@example.jp");
    const recorded = await recorder.record(`/api/progress/orgs/${env.demo.orgs.阿武町}`, user.cookie);
    expect(recorded.length).toBeLessThanOrEqual(14);
    expect(recorded.filter((q) => /from "?progress_history"?/i.test(q.sql)).length).toBeLessThanOrEqual(2);
    const bad: string[] = [];
    for (const q of recorded.filter(isRead))
      for (const table of await scans(q)) if (!readWhole.has(table)) bad.push(`${table}: ${q.sql}`);
    expect(bad).toEqual([]);
  });
});

describe("agenda suggestions", () => {
  it("count the desk's windows on a range of consultations_window (migration 0845)", async () => {
    const meeting = await env.database.db.selectFrom("meetings").select("id").orderBy("id").executeTakeFirstOrThrow();
    const user = await env.as("secretariat@example.jp");
    const recorded = await recorder.record(`/api/insight/meetings/${meeting.id}/suggestions`, user.cookie);
    const desk = recorded.filter(
      (q) => isRead(q) && /from "consultations"/.test(q.sql) && /"merged_into_id" is null/.test(q.sql),
    );
    expect(desk).toHaveLength(2);
    // PostgreSQL picks among indexes by the table's statistics (an index-only scan of it at national
    // scale, bench:insight); with the few demo rows it only must not scan the table.
    for (const q of desk) {
      if (env.database.engine === "postgres") {
        expect(await scans(q)).toEqual([]);
        continue;
      }
      expect(await sqlitePlan(q)).toContain(
        "SEARCH consultations USING COVERING INDEX consultations_window (created_at>? AND created_at<?)",
      );
    }
  });
});

/**
 * SQLite's plan of a recorded as-of read under the statistics of years of history (100 municipalities ×
 * 180 days, cells of 1.2 KB): the same tables in a scratch database, analysed, the day set to the earliest.
 * With such statistics SQLite (STAT4) planned an early day on the primary key's index and read each row
 * found with its cells, unless the query names its index.
 */
async function planWithYearsOfHistory(q: RecordedQuery, asOf: string): Promise<string> {
  const { rows } = await sql<{
    sql: string;
  }>`SELECT sql FROM sqlite_schema WHERE tbl_name IN ('progress_org_state', 'progress_org_days')
    AND sql IS NOT NULL AND type <> 'trigger'`.execute(env.database.db);
  const scratch = new SQLite(":memory:");
  try {
    for (const r of rows) scratch.exec(r.sql);
    const day = scratch.prepare(
      "INSERT INTO progress_org_days (programme_id, org_id, day, pct_sum, pct_n, exceptions, dues, cells) VALUES ('p', ?, ?, 1, 1, 0, ?, ?)",
    );
    const state = scratch.prepare(
      "INSERT INTO progress_org_state (programme_id, org_id, pct_sum, pct_n, exceptions, dues, cells) VALUES ('p', ?, 1, 1, 0, '', '{}')",
    );
    scratch.transaction(() => {
      for (let o = 0; o < 100; o++) {
        state.run(`o${o}`);
        for (let d = 0; d < 180; d++) day.run(`o${o}`, addDays("2022-01-01", d * 10), "2027-01-01,".repeat(20), "x".repeat(1200));
      }
    })();
    scratch.exec("ANALYZE");
    const params = q.params.map((p) => (p === asOf ? "2022-01-15" : "p"));
    return scratch
      .prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
      .all(...params)
      .map((r) => (r as { detail: string }).detail)
      .join("\n");
  } finally {
    scratch.close();
  }
}

describe("the as-of dashboard of an earlier month", () => {
  it("is computed from one range of the month index (from the month start, 0980/0995), not a seek per municipality, a scan or a sort", async () => {
    const user = await env.as("secretariat@example.jp");
    // Kept while the past is unchanged (0921): a back-dated change in between makes the request compute it.
    const asOf = addDays(jstDate(), -40);
    const recorded = await recordPastView(`/api/progress/dashboard?asOf=${asOf}`, user.cookie);
    const days = recorded.filter((q) => isRead(q) && /from "?progress_org_days"?/i.test(q.sql));
    expect(days).toHaveLength(1);
    expect(recorded.length).toBeLessThanOrEqual(12);
    // Municipality by municipality in the order of the month index (0995): neither engine sorts the month's rows.
    if (env.database.engine === "sqlite") {
      for (const plan of [(await sqlitePlan(days[0]!)).join("\n"), await planWithYearsOfHistory(days[0]!, asOf)]) {
        expect(plan).toMatch(/SEARCH d USING COVERING INDEX progress_org_days_month \(programme_id=\? AND <expr>=\?\)/);
        expect(plan).toMatch(/SEARCH m USING COVERING INDEX progress_org_days_day \(programme_id=\? AND day<\?\)/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
    } else {
      // With the few demo rows the planner may sort them as cheaply, depending on when the table was last
      // analysed; with sorting made costly, the month index must still give the rows in order (no Sort node).
      const nodes = await pgPlan(days[0]!, { seqscan: true, sort: false });
      expect(nodes.map((n) => n["Index Name"]).filter(Boolean)).toContain("progress_org_days_month");
      expect(nodes.map((n) => n["Node Type"])).not.toContain("Sort");
    }
  });

  it("counts the online procedures from the counts kept for each day, in the totals' range of the month index (1020)", async () => {
    const user = await env.as("secretariat@example.jp");
    const programme = await env.database.db
      .selectFrom("progress_programmes")
      .select("id")
      .where("code", "=", "online-procedures")
      .executeTakeFirstOrThrow();
    const recorded = await recordPastView(
      `/api/progress/dashboard?programmeId=${programme.id}&asOf=${addDays(jstDate(), -40)}`,
      user.cookie,
    );
    // Neither the step states nor their history: the municipalities' day rows, the totals' and the online counts'.
    expect(recorded.filter((q) => /progress_step_(history|states)/i.test(q.sql))).toEqual([]);
    const days = recorded.filter((q) => isRead(q) && /from "?progress_org_days"?/i.test(q.sql));
    const online = days.filter((q) => /"?d"?\."?online"?/.test(q.sql));
    expect(days).toHaveLength(2);
    expect(online).toHaveLength(1);
    // Not a seek per municipality: the month's range, in index order, from the index alone.
    if (env.database.engine === "sqlite") {
      const plan = (await sqlitePlan(online[0]!)).join("\n");
      expect(plan).toMatch(/SEARCH d USING COVERING INDEX progress_org_days_month \(programme_id=\? AND <expr>=\?\)/);
      expect(plan).not.toMatch(/TEMP B-TREE|progress_org_state/);
    } else {
      const nodes = await pgPlan(online[0]!, { seqscan: true, sort: false });
      expect(nodes.map((n) => n["Index Name"]).filter(Boolean)).toContain("progress_org_days_month");
      expect(nodes.map((n) => n["Node Type"])).not.toContain("Sort");
      expect(nodes.map((n) => n["Relation Name"])).not.toContain("progress_org_state");
    }
  });
});

describe("the heatmap as of an earlier month", () => {
  it("reads the cells from one range of the cells index (1030), not a seek per municipality, a scan or a sort", async () => {
    const user = await env.as("secretariat@example.jp");
    const asOf = addDays(jstDate(), -40);
    const recorded = await recordPastView(`/api/progress/dashboard/matrix?asOf=${asOf}`, user.cookie);
    const days = recorded.filter((q) => isRead(q) && /from "?progress_org_days"?/i.test(q.sql));
    expect(days).toHaveLength(1);
    expect(days[0]!.sql).not.toMatch(/progress_org_state/);
    if (env.database.engine === "sqlite") {
      for (const plan of [(await sqlitePlan(days[0]!)).join("\n"), await planWithYearsOfHistory(days[0]!, asOf)]) {
        expect(plan).toMatch(/SEARCH d USING COVERING INDEX progress_org_days_cells \(programme_id=\? AND <expr>=\?\)/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
    } else {
      const nodes = await pgPlan(days[0]!, { seqscan: false, sort: false });
      expect(nodes.map((n) => n["Index Name"]).filter(Boolean)).toContain("progress_org_days_cells");
      expect(nodes.map((n) => n["Node Type"])).not.toContain("Sort");
    }
  });
});

/** PostgreSQL's plan (text) of a recorded search read with table scans and plain index scans (the newest-first walk) off. */
async function planWithoutWalk(q: RecordedQuery): Promise<string> {
  return env.database.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    await sql`SET LOCAL enable_indexscan = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`EXPLAIN ${q.sql}`, [...q.params]));
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("a rare one- or two-character search word", () => {
  it("is looked up in an index, not checked on every entry (PostgreSQL: the pairs of migration 0920)", async () => {
    const user = await env.as("shunan@example.jp");
    for (const q of ["鳥獣", "鯨"]) {
      // The search's own copy dropped (its counter raised), so the query is recorded from the search, not from a check.
      const recorded = await recorder.record(
        `/api/search?q=${encodeURIComponent(q)}`,
        user.cookie,
        raiseCounters("table:search_entries"),
      );
      const reads = recorded.filter((r) => isRead(r) && /from "search_entries"/.test(r.sql));
      // SQLite answers an absent word from the trigram vocabulary without reading the entries.
      if (env.database.engine === "sqlite") {
        for (const r of reads) expect(await scans(r)).toEqual([]);
        continue;
      }
      expect(reads).toHaveLength(1);
      // Kept off the table and off the newest-first walk, the plan must still find an index for the word.
      const plan = await planWithoutWalk(reads[0]!);
      expect(plan).toContain("search_entries_short_grams");
    }
  });
});

describe("a rare search word of three characters or more", () => {
  it("is never found by walking every entry newest first (PostgreSQL: index scans off for it)", async () => {
    const user = await env.as("shunan@example.jp");
    if (env.database.engine === "postgres") await sql`ANALYZE search_entries`.execute(env.database.db);
    const recorded = await recorder.record(
      `/api/search?q=${encodeURIComponent("鳥獣被害")}`,
      user.cookie,
      raiseCounters("table:search_entries"),
    );
    const reads = recorded.filter((r) => isRead(r) && /from "search_entries"/.test(r.sql));
    if (env.database.engine === "sqlite") {
      for (const r of reads) expect(await sqlitePlan(r)).not.toContainEqual(expect.stringMatching(/^SCAN e USING INDEX/));
      return;
    }
    expect(reads).toHaveLength(1);
    const guard = recorded.findIndex((r) => /^SET LOCAL enable_indexscan = off$/i.test(r.sql.trim()));
    expect(guard).toBeGreaterThanOrEqual(0);
    expect(guard).toBeLessThan(recorded.indexOf(reads[0]!));
    // Planned as the search runs it, and with the table's own scan ruled out as well: an index for the word.
    const plan = await planWithoutWalk(reads[0]!);
    expect(plan).not.toContain("search_entries_date");
    expect(plan).toMatch(/Bitmap Index Scan on search_entries_(trgm|short_grams)/);
  });
});
