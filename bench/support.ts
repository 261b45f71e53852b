/**
 * What the benchmarks share: a migrated database on SQLite or PostgreSQL (the same bootstrap as
 * server/platform/testing/harness.ts, in production mode), the demo council, the real app, sign-in
 * through the login route, and percentiles.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../server/app.js";
import { type Config, loadConfig } from "../server/config.js";
import { type DemoCouncil, seedDemo } from "../server/modules/demo/seed.js";
import type { Ctx } from "../server/platform/context.js";
import { type Database, migrateToLatest, openDatabase } from "../server/platform/db/database.js";
import type { App } from "../server/platform/http/types.js";
import { scratchPostgres } from "../server/platform/testing/scratch-postgres.js";

/** The demo council's password in every benchmark. */
export const BENCH_PASSWORD = "Bench-Password-2026";

/** The PostgreSQL server a benchmark may create a scratch database on, if any. */
export const benchPostgresServer = () => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

/** Production settings, silent log, a cheap password hash (seeding hashes once, logins verify it). */
export function benchConfig(dataDir: string, env: Record<string, string | undefined> = {}): Config {
  return {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", NODE_ENV: "production", ...env }),
    argon2MemoryKiB: 1024,
  };
}

export interface BenchDatabase {
  config: Config;
  database: Database;
  /** A context with no actor (the system). */
  ctx: Ctx;
  dataDir: string;
  /** The demo council (organisations, bodies, users with BENCH_PASSWORD). */
  seedDemo(): Promise<DemoCouncil>;
  /** Closes the database and removes the data folder. */
  close(): Promise<void>;
}

/**
 * A migrated database in a fresh data folder: SQLite there, or PostgreSQL at `databaseUrl`.
 * `env` adds settings (JOBS_ENABLED …) as the environment would.
 */
export async function openBenchDatabase(
  opts: { databaseUrl?: string; env?: Record<string, string | undefined> } = {},
): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-bench-"));
  const config = benchConfig(dataDir, { DATABASE_URL: opts.databaseUrl, ...opts.env });
  const database = openDatabase(config);
  await migrateToLatest(database.db);
  const ctx: Ctx = { db: database.db, engine: database.engine, config, actor: null, ip: null, userAgent: null };
  return {
    config,
    database,
    ctx,
    dataDir,
    seedDemo: () => seedDemo(ctx, { password: BENCH_PASSWORD }),
    close: async () => {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a benchmark on SQLite, then on a scratch PostgreSQL database (created and dropped here) when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL names a server; otherwise says PostgreSQL was skipped.
 * ENGINES=sqlite or ENGINES=postgres runs one of them only.
 */
export async function onEachEngine(run: (engine: "SQLite" | "PostgreSQL", databaseUrl?: string) => Promise<void>) {
  const engines = (process.env.ENGINES ?? "sqlite,postgres").split(",");
  if (engines.includes("sqlite")) await run("SQLite");
  if (!engines.includes("postgres")) return;
  const server = benchPostgresServer();
  if (!server) {
    console.log("\nPostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
    return;
  }
  const scratch = await scratchPostgres(server, "renkei_bench");
  try {
    await run("PostgreSQL", scratch.url);
  } finally {
    await scratch.drop();
  }
}

/** The real app on a bench database, ready for app.inject (or app.listen). */
export async function benchApp(b: Pick<BenchDatabase, "config" | "database">): Promise<App> {
  const app = await buildApp({ config: b.config, database: b.database });
  await app.ready();
  return app;
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs a demo user in through the login route. */
export async function login(app: App, email: string): Promise<Session> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: BENCH_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join("; "), csrf: res.json().csrfToken as string };
}

/** The p-th percentile (0–100) of a sample: the value at rank ⌊p% × n⌋ of the sorted copy. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
