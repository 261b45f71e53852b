/**
 * bench:http — throughput and p99 latency of a signed-in GET /api/bodies on SQLite,
 * against a bare Fastify hello-world started in the same run. Prints both and the ratio.
 *   npm run bench:http            (10 s per target, 10 connections)
 *   DURATION=30 CONNECTIONS=20 npm run bench:http
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Fastify from "fastify";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { seedDemo } from "../server/modules/demo/seed.js";
import { migrateToLatest, openDatabase } from "../server/platform/db/database.js";

const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 10);

async function run(url: string, headers: Record<string, string> = {}) {
  // Warm up, then measure.
  await autocannon({ url, connections, duration: 2, headers });
  const r = await autocannon({ url, connections, duration, headers });
  if (r.non2xx > 0) throw new Error(`${url}: ${r.non2xx} non-2xx responses`);
  return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50 };
}

async function main() {
  const hello = Fastify();
  hello.get("/", async () => ({ hello: "world" }));
  const helloUrl = await hello.listen({ port: 0, host: "127.0.0.1" });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-bench-"));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", NODE_ENV: "production" });
  const database = openDatabase(config);
  await migrateToLatest(database.db);
  const ctx = { db: database.db, engine: database.engine, config, actor: null, ip: null, userAgent: null };
  await seedDemo(ctx, { password: "Bench-Password-2026" });
  const app = await buildApp({ config, database });
  const appUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  const login = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: "shunan@example.jp", password: "Bench-Password-2026" },
  });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");

  const base = await run(helloUrl);
  const bodies = await run(`${appUrl}/api/bodies`, { cookie });
  const fmt = (n: number) => n.toFixed(0).padStart(8);
  console.log(`bench:http  (${os.cpus().length} cores, ${connections} connections, ${duration} s each, SQLite)`);
  console.log("target                          req/s     p50 ms   p99 ms");
  console.log(`fastify hello-world         ${fmt(base.rps)} ${fmt(base.p50)} ${fmt(base.p99)}`);
  console.log(`GET /api/bodies (signed in) ${fmt(bodies.rps)} ${fmt(bodies.p50)} ${fmt(bodies.p99)}`);
  console.log(
    `ratio bodies/hello: throughput ${(bodies.rps / base.rps).toFixed(3)}, p99 ${(bodies.p99 / Math.max(base.p99, 1)).toFixed(1)}×`,
  );

  await app.close();
  await hello.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
