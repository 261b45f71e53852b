import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from "kysely";
import pg from "pg";
import type { DB } from "./schema.js";

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type Engine = "sqlite" | "postgres";

export interface Database {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

/** The SQLite database file of a data folder. */
export const sqliteFile = (dataDir: string) => path.join(dataDir, "renkei.sqlite");

/** Opens SQLite at DATA_DIR/renkei.sqlite (WAL, foreign keys, busy timeout), or PostgreSQL when a URL is given. */
export function openDatabase(opts: { dataDir: string; databaseUrl?: string }): Database {
  if (opts.databaseUrl) {
    // COUNT(*) and other int8 values come back as strings by default; our counts fit in a JS number.
    pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection closed by the server (restart, failover, a dropped test database) must not
    // crash the process: the pool drops the client and the next query opens a new one.
    pool.on("error", (err: Error & { code?: string }) => {
      if (err.code !== "57P01") console.error(`PostgreSQL idle connection error: ${err.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: "postgres", close: () => db.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = sqliteFile(opts.dataDir);
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: "sqlite", close: () => db.destroy() };
}

export { migrateToLatest } from "./migrate.js";
