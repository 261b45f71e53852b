/**
 * bench:http — the hot routes over HTTP, honestly: a bare Fastify hello-world and Renkei
 * (`renkei serve`, production settings, LOG_LEVEL=info, its log written to a file) each run in their
 * own process, and this process drives them with autocannon. For every route it also measures the
 * route's own SQL ceiling (bench/http-ceiling.ts: the same queries on the same engine with cached
 * statements, plus JSON) and prints req/s, p50, p99, route ÷ hello-world (measured just before the route,
 * by req/s and by server CPU per request) and route ÷ ceiling. The lists are answered from copies kept in
 * memory, so it also records each route's queries the first time after a change (its copies dropped) and
 * prints their ceiling and the route ÷ that.
 * It also prints Renkei's cold start (spawn → /readyz 200 on a migrated database) and its RSS idle
 * and after the load. SQLite, then PostgreSQL in a scratch database when TEST_DATABASE_URL or
 * BENCH_DATABASE_URL names a server.
 *
 * A shared virtual machine's speed changes from second to second (the same build measured twice in a
 * row differed by half). So each route is measured in ROUNDS rounds, hello-world then the route, and the
 * medians are printed; and on two or more cores the servers run on the first core and this process
 * (the load) on the others (`taskset`), so that neither takes the other's core (PIN=0 turns this off).
 *   npm run bench:http                               (3 rounds of 2 s per route, 10 connections)
 *   DURATION=10 CONNECTIONS=10 ENGINES=sqlite ROUTES=bodies,notices npm run bench:http
 *   SHOW_SQL=1 ENGINES=sqlite npm run bench:http     (each route's queries, no measurement)
 *   CPU_PROF=/tmp/prof ENGINES=sqlite ROUTES=bodies npm run bench:http   (Renkei under node --cpu-prof)
 *   BENCH_LOG_LEVEL=warn …                           (Renkei's log level: info by default, as in production)
 * The machine may be shared: compare ratios taken in one run, not absolute figures across runs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { seedDemoContent } from "../server/modules/demo/content.js";
import { raiseCacheCounters } from "../server/platform/testing/cache-counters.js";
import { queryRecorder, type RecordedQuery } from "../server/platform/testing/query-recorder.js";
import { postgresCeiling, sqliteCeiling } from "./http-ceiling.js";
import { hotRoutes, routeIds, signIn } from "./http-routes.js";
import { buildServer, pinLoadAwayFromServers, type Server, startServer } from "./http-servers.js";
import { onEachEngine, openBenchDatabase } from "./support.js";

const DURATION = Number(process.env.DURATION ?? 2);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const ONLY = process.env.ROUTES?.split(",");
/** SHOW_SQL=1 prints each route's queries instead of measuring. */
const SHOW_SQL = process.env.SHOW_SQL === "1";
/** CPU_PROF=DIR runs Renkei under `node --cpu-prof`, its profile written to DIR when it stops. */
const CPU_PROF = process.env.CPU_PROF;
const PIN = pinLoadAwayFromServers();
const routes = hotRoutes.filter((r) => !ONLY || ONLY.includes(r.name));

type Load = Awaited<ReturnType<typeof load>>;

/** Load at `url`; the server's CPU clock gives its CPU time per request (and the kernel's part), steadier than req/s on a shared machine. */
async function load(url: string, server: Server, cookie?: string) {
  const headers = cookie ? { cookie } : {};
  const [cpu0, sys0] = [server.cpuMicros(), server.systemMicros()];
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const cpu = (server.cpuMicros() - cpu0) / r.requests.total;
  const sys = (server.systemMicros() - sys0) / r.requests.total;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
  // Bytes per response as received (headers and body): a large list costs the kernel more to send than hello-world's few bytes.
  const bytes = r.throughput.total / r.requests.total;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpu, sys, bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medianOf = (loads: Load[], key: keyof Load) => median(loads.map((l) => l[key]));

/**
 * Hello-world and the route, after a second's warm-up of each, in ROUNDS alternating rounds: the medians
 * of each figure and of the rounds' ratios (a slow second touches one round's pair alike).
 */
async function measure(hello: Server, renkei: Server, url: string, cookie?: string) {
  const warm = (u: string, headers = {}) => autocannon({ url: u, connections: CONNECTIONS, duration: 1, headers });
  await warm(`${hello.url}/`);
  await warm(url, cookie ? { cookie } : {});
  const hellos: Load[] = [];
  const runs: Load[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    hellos.push(await load(`${hello.url}/`, hello));
    runs.push(await load(url, renkei, cookie));
  }
  const base = {
    rps: medianOf(hellos, "rps"),
    cpu: medianOf(hellos, "cpu"),
    sys: medianOf(hellos, "sys"),
    bytes: medianOf(hellos, "bytes"),
  };
  return {
    base,
    route: {
      rps: medianOf(runs, "rps"),
      p50: medianOf(runs, "p50"),
      p99: medianOf(runs, "p99"),
      cpu: medianOf(runs, "cpu"),
      sys: medianOf(runs, "sys"),
      bytes: medianOf(runs, "bytes"),
    },
    byRps: median(runs.map((r, i) => r.rps / hellos[i]!.rps)),
    byCpu: median(runs.map((r, i) => hellos[i]!.cpu / r.cpu)),
  };
}

async function benchEngine(engine: "SQLite" | "PostgreSQL", databaseUrl?: string) {
  const b = await openBenchDatabase({ databaseUrl });
  const demo = await b.seedDemo();
  await seedDemoContent(b.ctx, demo);
  const ids = await routeIds(b.ctx);
  await b.database.close();

  const logFile = path.join(b.dataDir, "bench-http.log");
  const hello = await startServer(["--import", "tsx", "bench/http-hello.ts"], {}, "/", logFile);
  const env = {
    DATA_DIR: b.dataDir,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
    RENKEI_DEMO_CONTENT: "false",
  };
  const profile = CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : [];
  const renkei = await startServer([...profile, "bin/renkei.js", "serve"], env, "/readyz", logFile);
  const recorder = await queryRecorder(b.config);
  try {
    const cookies = {
      clerk: await signIn(renkei.url, "shunan@example.jp"),
      staff: await signIn(renkei.url, "secretariat@example.jp"),
    };
    const rssIdle = renkei.rssMiB();
    const rows: string[] = [];
    const hellos: { rps: number; cpu: number; sys: number; bytes: number }[] = [];
    const fmt = (n: number, w = 7, d = 0) => n.toFixed(d).padStart(w);
    for (const route of routes) {
      const url = route.url(ids);
      const cookie = route.as === "none" ? undefined : cookies[route.as];
      // A signed-in request on SQLite first reads the database's change mark (Database.changeMark), which no
      // Kysely log shows: counted here and in the ceiling.
      const withMark = (qs: RecordedQuery[]) =>
        engine === "SQLite" && cookie ? [{ sql: "pragma data_version", params: [] }, ...qs] : qs;
      const queries = withMark(await recorder.record(url, cookie ?? ""));
      // The route's SQL when it runs it: the first request after a change (every table counter raised, as a
      // write does, so its kept copies are dropped and its session is read again).
      const cold = cookie
        ? withMark(await recorder.record(url, cookie, () => raiseCacheCounters(recorder.database.db, "table:%")))
        : [];
      if (SHOW_SQL) {
        for (const [label, qs] of [
          ["", queries],
          [" (first after a change)", cold],
        ] as const) {
          console.log(`\n--- ${route.name} ${url}${label}`);
          for (const q of qs) console.log(`${q.sql}\n    ${JSON.stringify(q.params)}`);
        }
        continue;
      }
      const ceilingMs = Math.max(1000, DURATION * 400);
      const ceilingOf = async (qs: RecordedQuery[]) =>
        engine === "SQLite"
          ? sqliteCeiling(path.join(b.dataDir, "renkei.sqlite"), qs, ceilingMs)
          : await postgresCeiling(databaseUrl!, qs, ceilingMs, CONNECTIONS);
      const ceiling = await ceilingOf(queries);
      const coldCeiling = cold.length ? await ceilingOf(cold) : Number.NaN;
      const { base, route: r, byRps, byCpu } = await measure(hello, renkei, renkei.url + url, cookie);
      hellos.push(base);
      // What a server doing nothing but Fastify's HTTP and this route's SQL would reach: both costs per request added.
      const bound = 1 / (1 / base.rps + 1 / ceiling);
      rows.push(
        `${route.name.padEnd(16)}${fmt(queries.length, 4)}${fmt(r.rps)}${fmt(r.p50, 6)}${fmt(r.p99, 6)}${fmt(base.rps)}${fmt(byRps, 8, 3)}${fmt(byCpu, 8, 3)}${fmt(ceiling, 9)}${fmt(r.rps / ceiling, 9, 2)}${fmt(base.rps / ceiling, 8, 2)}${fmt(r.rps / bound, 8, 2)}${fmt(r.cpu, 8)}${fmt(r.sys, 5)}${fmt(r.bytes / 1024, 7, 1)}${fmt(cold.length, 5)}${fmt(coldCeiling, 8)}${fmt(r.rps / coldCeiling, 7, 2)}`,
      );
    }
    if (SHOW_SQL) return;
    const rssLoaded = renkei.rssMiB();
    console.log(
      `\nbench:http ${engine}  (${os.cpus().length} cores, load avg ${os.loadavg()[0]!.toFixed(1)}, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per route, ${PIN ? "servers on core 0, load on the others" : "not pinned to cores"})`,
    );
    console.log(
      `renkei serve cold start to /readyz: ${renkei.startMs.toFixed(0)} ms (${(renkei.startCpuMicros / 1000).toFixed(0)} ms CPU); RSS idle ${rssIdle.toFixed(0)} MiB, after load ${rssLoaded.toFixed(0)} MiB`,
    );
    console.log(
      `fastify hello-world, measured in each round before the route (medians per route): ${Math.min(...hellos.map((h) => h.rps)).toFixed(0)}–${Math.max(...hellos.map((h) => h.rps)).toFixed(0)} req/s (median ${median(hellos.map((h) => h.rps)).toFixed(0)}), median ${median(hellos.map((h) => h.cpu)).toFixed(0)} µs CPU/req, of which ${median(hellos.map((h) => h.sys)).toFixed(0)} in the kernel, ${median(hellos.map((h) => h.bytes)).toFixed(0)} bytes a response`,
    );
    console.log(
      "route          SQL  req/s   p50   p99  hello  ÷hello ÷h. CPU  ceiling ÷ceiling h÷ceil  ÷bound  µs CPU  sys     KB  cold  c.ceil  ÷cold",
    );
    console.log(
      "  (medians of the rounds; SQL = queries per request; p50/p99 in ms; hello = hello-world's req/s in the same rounds; ÷hello and ÷h. CPU = the rounds' median ratios, by req/s and by server CPU per request; h÷ceil = hello-world's own req/s ÷ the ceiling, above which no route's ÷ceiling can go; bound = hello-world and the ceiling's costs added; µs CPU = the route's server CPU per request, sys = the kernel's part of it; KB = one response's size as sent, headers included; cold = the queries of the first request after a change (every table counter raised: its kept copies dropped), c.ceil = their ceiling, ÷cold = the route's req/s ÷ that: above 1, the route answers faster from memory than its own SQL alone could run)",
    );
    for (const row of rows) console.log(row);
  } finally {
    await recorder.close();
    await renkei.stop();
    await hello.stop();
    fs.rmSync(b.dataDir, { recursive: true, force: true });
  }
}

buildServer();
await onEachEngine(benchEngine);
