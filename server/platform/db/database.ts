import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, type KyselyConfig, PostgresDialect, SqliteDialect, type Transaction } from "kysely";
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
/** `log` sees every executed query (the HTTP benchmark records each route's SQL with it). */
export function openDatabase(opts: { dataDir: string; databaseUrl?: string; log?: KyselyConfig["log"] }): Database {
  if (opts.databaseUrl) {
    // COUNT(*) and other int8 values come back as strings by default; our counts fit in a JS number.
    pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection closed by the server (restart, failover, a dropped test database) must not
    // crash the process: the pool drops the client and the next query opens a new one.
    pool.on("error", (err: Error & { code?: string }) => {
      if (err.code !== "57P01") console.error(`PostgreSQL idle connection error: ${err.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: opts.log });
    return { db, engine: "postgres", close: () => db.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = sqliteFile(opts.dataDir);
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: a commit is on disk (WAL fsynced) before it is acknowledged; see ARCHITECTURE "Durability".
  sqlite.pragma("synchronous = FULL");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log: opts.log });
  return { db, engine: "sqlite", close: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every query it runs; a request's few distinct statements are
 * the same each time, so the handle it gets keeps the most recently used 500 prepared (LRU). The
 * driver runs one query at a time on the connection, so a statement is never used twice at once;
 * SQLite re-prepares a cached statement by itself after a schema change.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (stmt) cache.delete(sql);
      else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

export { migrateToLatest } from "./migrate.js";
