import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, type LogEvent, PostgresDialect, type Transaction } from "kysely";
import { pg as lazyPg } from "../lazy-libs.js";
import { changeListener } from "./change-listener.js";
import { nameCachedShapes } from "./prepared.js";
import type { DB } from "./schema.js";
import { RenkeiSqliteDialect } from "./sqlite-limit.js";

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type Engine = "sqlite" | "postgres";

export interface Database {
  db: Db;
  engine: Engine;
  /** Called after every statement (and every failed one) with its timing: /metrics and tracing subscribe here. */
  observers: Set<QueryObserver>;
  /** PostgreSQL's connection pool as it stands (SQLite has one connection and no pool). */
  pool?: () => PoolState;
  /**
   * A mark that changes whenever what a signed-in request's session statement reads may have changed since
   * it was last read: by a statement of this process that may write, or by a commit of any other connection.
   * Something read while the mark was M is still what the database holds while the mark is M.
   * - SQLite: any change to the file (`PRAGMA data_version`: another instance, the CLI, an operator's
   *   sqlite3), read once per turn of the event loop (turnMemo below).
   * - PostgreSQL: what the instance's listening connection has heard (db/change-listener.ts; migration 1000
   *   notifies on each commit to sessions, users, orgs and cache_versions). A commit elsewhere counts once
   *   its notification arrives, about a millisecond later. Undefined while the connection is not listening:
   *   read the database.
   */
  changeMark?: () => string | undefined;
  close(): Promise<void>;
}

export type QueryKind = "select" | "insert" | "update" | "delete" | "transaction" | "other";
/** `sql` is the statement's text with placeholders (never the values). */
export type QueryObserver = (kind: QueryKind, seconds: number, failed: boolean, sql: string) => void;
export interface PoolState {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

const nodeKinds: Record<string, QueryKind> = {
  SelectQueryNode: "select",
  InsertQueryNode: "insert",
  UpdateQueryNode: "update",
  DeleteQueryNode: "delete",
};
const words: Record<string, QueryKind> = {
  select: "select",
  // Raw WITH may hold an INSERT, UPDATE or DELETE: not counted as a read (changeMark counts it as a write).
  with: "other",
  insert: "insert",
  update: "update",
  delete: "delete",
  begin: "transaction",
  commit: "transaction",
  rollback: "transaction",
  savepoint: "transaction",
  release: "transaction",
};

/** What a statement does: from the query tree Kysely built, else the first word of raw SQL. */
function queryKind(e: LogEvent): QueryKind {
  const byNode = nodeKinds[e.query.query.kind];
  if (byNode) return byNode;
  const word = /^\s*([a-z]+)/i.exec(e.query.sql)?.[1]?.toLowerCase() ?? "";
  return words[word] ?? "other";
}

/**
 * Every statement passes through Kysely's log hook (the driver times it with performance.now()); this
 * one hands the kind and duration to the observers and then to the caller's `log`, if any.
 */
function observe(observers: Set<QueryObserver>, log?: (e: LogEvent) => void) {
  return (e: LogEvent) => {
    if (observers.size) {
      const kind = queryKind(e);
      for (const o of observers) o(kind, e.queryDurationMillis / 1000, e.level === "error", e.query.sql);
    }
    log?.(e);
  };
}

/** The SQLite database file of a data folder. */
export const sqliteFile = (dataDir: string) => path.join(dataDir, "renkei.sqlite");

/** Opens SQLite at DATA_DIR/renkei.sqlite (WAL, foreign keys, busy timeout), or PostgreSQL when a URL is given. */
/** `log` sees every executed query (the HTTP benchmark records each route's SQL with it). */
export function openDatabase(opts: { dataDir: string; databaseUrl?: string; log?: (e: LogEvent) => void }): Database {
  const observers = new Set<QueryObserver>();
  if (opts.databaseUrl) {
    // Statements of this process that may have written, counted when they end (a COMMIT included): this
    // instance sees its own writes at its next request, before their notification comes back.
    let writes = 0;
    const log = observe(observers, (e) => {
      if (queryKind(e) !== "select") writes++;
      opts.log?.(e);
    });
    const pg = lazyPg();
    // COUNT(*) and other int8 values come back as strings by default; our counts fit in a JS number.
    pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    const max = 10;
    // Connections idle for 10 s are closed (node-pg's default), except two: after a quiet spell — most of
    // a prefecture's day — the next request would otherwise connect and prepare its statements again
    // (≈ 40 ms measured on a national-scale database) before its own query.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max, min: 2 });
    // The hot queries' cached shapes run as named prepared statements on each connection.
    pool.on("connect", nameCachedShapes);
    // An idle connection closed by the server (restart, failover, a dropped test database) must not
    // crash the process: the pool drops the client and the next query opens a new one.
    pool.on("error", (err: Error & { code?: string }) => {
      if (err.code !== "57P01") console.error(`PostgreSQL idle connection error: ${err.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
    const state = () => ({ max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    const listener = changeListener(pg, opts.databaseUrl);
    const changeMark = () => {
      const heard = listener.heard();
      return heard === undefined ? undefined : `${heard}:${writes}`;
    };
    const close = async () => {
      await listener.close();
      await db.destroy();
    };
    return { db, engine: "postgres", observers, pool: state, changeMark, close };
  }
  const log = observe(observers, opts.log);
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = sqliteFile(opts.dataDir);
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: a commit is on disk (WAL fsynced) before it is acknowledged; see ARCHITECTURE "Durability".
  sqlite.pragma("synchronous = FULL");
  const handle = withStatementCache(sqlite);
  const db = new Kysely<DB>({ dialect: new RenkeiSqliteDialect({ database: handle }), log });
  const dataVersion = turnMemo(sqlite.prepare("pragma data_version").pluck());
  const changeMark = () => `${dataVersion()}:${handle.writes}`;
  return { db, engine: "sqlite", observers, changeMark, close: () => db.destroy() };
}

/**
 * `PRAGMA data_version` opens a read transaction: a few µs of file locks, as much as a small query. It is
 * read once per turn of the event loop and kept until the turn ends (setImmediate), for every request
 * whose session is read in that turn. Sessions are read as requests are read, in the loop's poll phase,
 * so each request sharing the value was already waiting on its socket when it was taken: a commit
 * elsewhere that finished before a request was sent is in it, and one that finishes during the turn
 * counts from the next turn, as if the turn's requests had run a moment earlier. This process's own
 * writes count at once (`writes` in the mark).
 */
function turnMemo(statement: SQLite.Statement): () => unknown {
  let kept: unknown;
  let keeping = false;
  const forget = () => {
    keeping = false;
  };
  return () => {
    if (!keeping) {
      kept = statement.get();
      keeping = true;
      setImmediate(forget);
    }
    return kept;
  };
}

/**
 * Kysely's SQLite driver prepares every query it runs; a request's few distinct statements are
 * the same each time, so the handle it gets keeps the most recently used 500 prepared (LRU). The
 * driver runs one query at a time on the connection, so a statement is never used twice at once;
 * SQLite re-prepares a cached statement by itself after a schema change. `writes` counts the
 * statements handed out that may write (not read-only: INSERT … RETURNING included), for changeMark.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    writes: 0,
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (stmt) cache.delete(sql);
      else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      if (!stmt.readonly) this.writes++;
      return stmt;
    },
  };
}

export { migrateToLatest } from "./migrate.js";
