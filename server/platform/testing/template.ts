import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { jstDate } from "../../../shared/dates/jst.js";
import { loadConfig } from "../../config.js";
import { type DemoCouncil, seedDemo } from "../../modules/demo/seed.js";
import { migrateToLatest, openDatabase } from "../db/database.js";
import { type ScratchDatabase, scratchPostgres } from "./scratch-postgres.js";

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

async function make(serverUrl: string | undefined, password: string): Promise<Template> {
  const day = jstDate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-template-"));
  const postgres = serverUrl ? await scratchPostgres(serverUrl, "renkei_tpl") : null;
  const config = {
    ...loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dir, DATABASE_URL: postgres?.url }),
    argon2MemoryKiB: 1024,
  };
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
