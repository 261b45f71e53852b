/**
 * bench:desk — the consultation desk at scale: p50/p95 of the desk queue with filters and of the
 * FAQ suggestion while typing, through the real app (app.inject), on SQLite and on PostgreSQL.
 * Each queue is timed the first time after a change (its kept list dropped) and again (from memory).
 *   npm run bench:desk                       50,000 consultations (~150,000 thread messages), 2,000 FAQ articles
 *   SCALE=200000 FAQ=5000 npm run bench:desk  a larger run
 *   ITER=60 npm run bench:desk                more samples per query
 * PostgreSQL runs when BENCH_DATABASE_URL or TEST_DATABASE_URL points to a server (a scratch database is created and dropped).
 */
import os from "node:os";
import { sql } from "kysely";
import { raiseCacheCounters } from "../server/platform/testing/cache-counters.js";
import { generateConsultations, generateFaq, typedQuestions } from "./desk-data.js";
import { benchApp, login, onEachEngine, openBenchDatabase, percentile as pct } from "./support.js";

const scale = Number(process.env.SCALE ?? 50_000);
const faqCount = Number(process.env.FAQ ?? 2_000);
const iterations = Number(process.env.ITER ?? 30);

async function runEngine(label: string, databaseUrl?: string) {
  const bench = await openBenchDatabase({ databaseUrl });
  const { database, ctx } = bench;
  const demo = await bench.seedDemo();
  const t0 = performance.now();
  const municipalUserByOrg = new Map<string, string>();
  const users = await database.db.selectFrom("users").select(["id", "org_id", "role"]).execute();
  for (const u of users) if (u.role === "municipal" && !municipalUserByOrg.has(u.org_id)) municipalUserByOrg.set(u.org_id, u.id);
  const staffIds = users.filter((u) => u.role === "specialist" || u.role === "secretariat").map((u) => u.id);
  await generateConsultations(ctx, scale, { staffIds, orgIds: [...municipalUserByOrg.keys()], municipalUserByOrg });
  await generateFaq(ctx, faqCount, demo.users["specialist@example.jp"]!);
  // PostgreSQL: VACUUM as autovacuum would after a bulk load, so index-only scans see a set visibility map.
  await sql.raw(database.engine === "postgres" ? "VACUUM ANALYZE" : "ANALYZE").execute(database.db);
  const loadSeconds = (performance.now() - t0) / 1000;

  const app = await benchApp(bench);
  const staff = await login(app, "specialist@example.jp");
  const town = await login(app, "kaminoseki@example.jp");
  const org = demo.orgs.周南市;
  const queues: [string, string, typeof staff][] = [
    ["open queue by due date", "/api/consultations?status=open&sort=due&limit=50", staff],
    ["status + category", "/api/consultations?status=in_progress&category=standardisation&limit=50", staff],
    ["organisation, all statuses", `/api/consultations?orgId=${org}&sort=newest&limit=50`, staff],
    ["assigned to me, open", "/api/consultations?assigneeId=me&status=open&limit=50", staff],
    ["overdue", "/api/consultations?due=overdue&limit=50", staff],
    ["subject contains", `/api/consultations?q=${encodeURIComponent("ガバメントクラウド")}&limit=50`, staff],
    ["page 20 of everything", "/api/consultations?sort=activity&limit=50&offset=950", staff],
    ["a town's own list", "/api/consultations?sort=newest&limit=50", town],
  ];
  // Each queue is asked the first time after a change (the kept lists dropped by raising their counters, as
  // a new message or an edited consultation does: the list's own SQL) and again (the copy kept in memory).
  const ask = async (url: string, who: typeof staff) => {
    const t = performance.now();
    const res = await app.inject({ method: "GET", url, headers: { cookie: who.cookie } });
    const ms = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return ms;
  };
  const [allFirst, allAgain]: [number[], number[]] = [[], []];
  const rows: string[] = [];
  const figures = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms  p95 ${pct(xs, 95).toFixed(1).padStart(6)} ms`;
  for (const [name, url, who] of queues) {
    const [first, again]: [number[], number[]] = [[], []];
    for (let i = 0; i < iterations + 3; i++) {
      await raiseCacheCounters(database.db, "table:%");
      const cold = await ask(url, who);
      const warm = await ask(url, who);
      if (i < 3) continue; // the first runs warm the page cache and the statements
      first.push(cold);
      again.push(warm);
    }
    allFirst.push(...first);
    allAgain.push(...again);
    rows.push(`  ${name.padEnd(30)} ${figures(first)}   ${figures(again)}`);
  }
  const suggest: number[] = [];
  for (let i = 0; i < iterations * 4 + 3; i++) {
    const text = `${typedQuestions[i % typedQuestions.length]}${i}`;
    const t = performance.now();
    const res = await app.inject({
      method: "POST",
      url: "/api/faq/suggest",
      payload: { text },
      headers: { cookie: town.cookie, "x-csrf-token": town.csrf },
    });
    const ms = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`suggest: ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (i >= 3) suggest.push(ms);
  }
  console.log(
    `\n${label}: ${scale.toLocaleString()} consultations, ${faqCount.toLocaleString()} published FAQ articles (loaded in ${loadSeconds.toFixed(1)} s)`,
  );
  console.log(`  ${"".padEnd(30)} ${"first after a change".padEnd(27)}   again (kept copy)`);
  console.log(rows.join("\n"));
  console.log(`  ${"desk queue, all filters".padEnd(30)} ${figures(allFirst)}   ${figures(allAgain)}`);
  console.log(`  ${"FAQ suggestion while typing".padEnd(30)} ${figures(suggest)}`);
  await app.close();
  await bench.close();
}

console.log(
  `bench:desk  (${os.cpus().length} cores, ${iterations} samples per query after 3 warm-up runs, in-process requests through app.inject)`,
);
await onEachEngine(runEngine);
