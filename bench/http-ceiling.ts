/**
 * A route's own SQL ceiling for bench/http.ts: the queries one request to the route issues
 * (recorded by server/platform/testing/query-recorder.ts while the real app answers it), replayed on the
 * same engine with statements prepared once, plus JSON.stringify of what they return. Its rate is
 * what the route could reach if everything but its SQL and its serialisation cost nothing.
 */
import SQLite from "better-sqlite3";
import pg from "pg";
import type { RecordedQuery } from "../server/platform/testing/query-recorder.js";

type Query = RecordedQuery;

const isRead = (q: Query) => /^\s*(select|with|pragma data_version)\b/i.test(q.sql);

/** Replays the reads of `queries` on SQLite (one connection, as the server has) for `ms`; returns per second. */
export function sqliteCeiling(file: string, queries: Query[], ms: number): number {
  const db = new SQLite(file);
  db.pragma("busy_timeout = 5000");
  try {
    const stmts = queries.filter(isRead).map((q) => ({ stmt: db.prepare(q.sql), params: q.params }));
    const once = () => JSON.stringify(stmts.map((s) => s.stmt.all(...(s.params as unknown[])))).length;
    const until = (deadline: number) => {
      let n = 0;
      while (performance.now() < deadline) {
        once();
        n++;
      }
      return n;
    };
    until(performance.now() + Math.min(500, ms / 4)); // warm the page cache and the statements
    const start = performance.now();
    const n = until(start + ms);
    return (n * 1000) / (performance.now() - start);
  } finally {
    db.close();
  }
}

/**
 * Replays the reads on PostgreSQL from `connections` concurrent clients (as many as the load
 * generator's connections, at most the server's pool size), each with named prepared statements.
 */
export async function postgresCeiling(url: string, queries: Query[], ms: number, connections: number): Promise<number> {
  const reads = queries.filter(isRead);
  const pool = new pg.Pool({ connectionString: url, max: connections });
  try {
    const worker = async (deadline: number) => {
      const client = await pool.connect();
      let n = 0;
      try {
        while (performance.now() < deadline) {
          const out: unknown[] = [];
          for (let i = 0; i < reads.length; i++) {
            const q = reads[i]!;
            out.push((await client.query({ name: `ceiling_${i}`, text: q.sql, values: q.params as unknown[] })).rows);
          }
          JSON.stringify(out);
          n++;
        }
      } finally {
        client.release();
      }
      return n;
    };
    const run = async (duration: number) => {
      const deadline = performance.now() + duration;
      return (await Promise.all(Array.from({ length: connections }, () => worker(deadline)))).reduce((a, b) => a + b, 0);
    };
    await run(Math.min(500, ms / 4));
    const start = performance.now();
    const n = await run(ms);
    return (n * 1000) / (performance.now() - start);
  } finally {
    await pool.end();
  }
}
