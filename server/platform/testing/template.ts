import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { jstDate } from "../../../shared/dates/jst.js";
import { type DemoCouncil, seedDemo } from "../../modules/demo/seed.js";
import { migrateToLatest, openDatabase } from "../db/database.js";
import { testConfig } from "./config.js";
import { adminQuery, type ScratchDatabase, scratchPostgres } from "./scratch-postgres.js";

/**
 * The migrated, demo-seeded database every test file starts from, made once per worker process, engine
 * and Japan day (the demo's dates are relative to today) and copied for each file: seeding takes 2–3 s,
 * a copy a fraction of that (the SQLite file; `CREATE DATABASE … TEMPLATE` on PostgreSQL). Each file
 * still gets its own database. Under fake timers the seed is made afresh, at the clock's time.
 */
export interface Template {
  day: string;
  demo: DemoCouncil;
  /** The data folder holding the seeded SQLite file. */
  dir: string;
  postgres: ScratchDatabase | null;
}

let current: Promise<Template> | null = null;
/** Templates are named by the worker that made them, so a later run can drop those of workers gone. */
const PREFIX = { dir: "renkei-template-", postgres: "renkei_tpl_" };

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
};

/** Removes the templates of earlier runs' workers (a worker is stopped without a chance to clean up). */
async function dropStale(serverUrl: string | undefined) {
  for (const name of fs.readdirSync(os.tmpdir()))
    if (name.startsWith(PREFIX.dir) && gone(Number(name.slice(PREFIX.dir.length).split("-")[0])))
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  if (!serverUrl) return;
  const rows = await adminQuery<{ datname: string }>(
    serverUrl,
    `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX.postgres}%'`,
  );
  for (const { datname } of rows)
    if (gone(Number(datname.slice(PREFIX.postgres.length).split("_")[0])))
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
}

async function make(serverUrl: string | undefined, password: string): Promise<Template> {
  await dropStale(serverUrl);
  const day = jstDate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX.dir}${process.pid}-`));
  const postgres = serverUrl ? await scratchPostgres(serverUrl, `${PREFIX.postgres}${process.pid}`) : null;
  const config = testConfig({ DATA_DIR: dir, DATABASE_URL: postgres?.url });
  const database = openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const ctx = { db: database.db, engine: database.engine, config, actor: null, ip: null, userAgent: null };
    return { day, demo: await seedDemo(ctx, { password }), dir, postgres };
  } finally {
    // Closed, so that SQLite's file is whole (no WAL) and PostgreSQL may copy the database.
    await database.close();
  }
}

/** Today's template, or null under fake timers (the caller seeds its own). */
export async function seededTemplate(serverUrl: string | undefined, password: string): Promise<Template | null> {
  if (vi.isFakeTimers()) return null;
  const made = current && (await current);
  if (made?.day === jstDate()) return made;
  if (made) {
    await made.postgres?.drop();
    fs.rmSync(made.dir, { recursive: true, force: true });
  }
  current = make(serverUrl, password);
  current.catch(() => {
    current = null;
  });
  return current;
}
