import { timingSafeEqual } from "node:crypto";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Config } from "../../config.js";
import { sessionsFromMemory } from "../auth/session.js";
import type { Database, PoolState, QueryObserver } from "../db/database.js";
import { AppError } from "../errors.js";
import { type QueueStats, queueStats } from "../jobs/stats.js";
import type { App } from "./types.js";

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * GET /metrics in Prometheus text format, for the operator's Prometheus with `Authorization: Bearer
 * METRICS_TOKEN`; without METRICS_TOKEN the route is a 404. Per instance: HTTP requests by route
 * template (`/api/meetings/:id`, never the id) and status with latency histograms, the process (memory,
 * event-loop lag, GC), every database statement's duration by kind and engine and the failed ones (from the
 * one hook all queries pass, db/database.ts), PostgreSQL's pool and, read from the database on each scrape,
 * the job queue and the mail outbox. Without METRICS_TOKEN nothing is counted.
 */
export function registerMetrics(app: App, config: Config, database: Database) {
  const token = config.metricsToken;
  if (!token) {
    // Nothing can read the figures, so none are kept: no per-request hook, no event-loop monitor.
    app.get("/metrics", { config: { public: true }, schema: { hide: true } }, async () => {
      throw new AppError("NOT_FOUND", "指定されたページが見つかりません。");
    });
    return;
  }
  const register = new Registry();
  collectDefaultMetrics({ register, eventLoopMonitoringPrecision: 20 });
  const labelNames = ["method", "route", "status"] as const;
  const requests = new Counter({
    name: "renkei_http_requests_total",
    help: "HTTP requests answered",
    labelNames,
    registers: [register],
  });
  const latency = new Histogram({
    name: "renkei_http_request_duration_seconds",
    help: "Time to answer an HTTP request",
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  // One child per method, route template and status, looked up by a string instead of hashing the labels on each request.
  const children = new Map<string, { count: () => void; time: (seconds: number) => void }>();
  const series = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let child = children.get(key);
    if (!child) {
      const labels = { method, route, status: String(status) };
      const c = requests.labels(labels);
      const h = latency.labels(labels);
      child = { count: () => c.inc(), time: (seconds) => h.observe(seconds) };
      children.set(key, child);
    }
    return child;
  };
  const gauge = (name: string, help: string, read: (s: QueueStats) => number) => ({
    gauge: new Gauge({ name, help, registers: [register] }),
    read,
  });
  const queue = [
    gauge("renkei_jobs_due", "Jobs waiting whose run time has come", (s) => s.due),
    gauge("renkei_jobs_queued", "Jobs waiting, including those scheduled later", (s) => s.queued),
    gauge("renkei_jobs_oldest_due_age_seconds", "How long the oldest due job has waited", (s) => s.oldestDueSeconds),
    gauge("renkei_jobs_running", "Jobs being run by a worker", (s) => s.running),
    gauge("renkei_jobs_retrying", "Due jobs waiting again after a failed attempt", (s) => s.retrying),
    gauge("renkei_jobs_failed", "Jobs that failed every attempt", (s) => s.failed),
    gauge("renkei_mail_outbox_pending", "E-mails waiting to be sent", (s) => s.mailPending),
    gauge("renkei_mail_outbox_failed", "E-mails given up on", (s) => s.mailFailed),
  ];

  registerDatabaseMetrics(app, register, database);

  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url ?? "unmatched";
    if (route !== "/metrics") {
      const s = series(request.method, route, reply.statusCode);
      s.count();
      s.time(reply.elapsedTime / 1000);
    }
    done();
  });

  app.get("/metrics", { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
    if (!sameToken(given, token)) {
      reply.header("www-authenticate", 'Bearer realm="metrics"');
      throw new AppError("UNAUTHENTICATED", "METRICS_TOKEN と同じトークンを Authorization: Bearer で送ってください。");
    }
    const stats = await queueStats(database.db);
    for (const q of queue) q.gauge.set(q.read(stats));
    return reply
      .header("content-type", register.contentType)
      .header("cache-control", "no-store")
      .send(await register.metrics());
  });
}

/** Statement timings and failures (observed while the app is open) and, on PostgreSQL, the pool. */
function registerDatabaseMetrics(app: App, register: Registry, database: Database) {
  const labelNames = ["operation", "engine"] as const;
  const duration = new Histogram({
    name: "renkei_db_query_duration_seconds",
    help: "Time a database statement took, by operation (select, insert, update, delete, transaction, other)",
    labelNames,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [register],
  });
  const errors = new Counter({
    name: "renkei_db_query_errors_total",
    help: "Database statements that failed (constraint, deadlock, lost connection …)",
    labelNames,
    registers: [register],
  });
  new Counter({
    name: "renkei_sessions_from_memory_total",
    help: "Signed-in reads whose session was answered from memory, nothing it reads having changed since (auth/session.ts)",
    registers: [register],
    collect() {
      this.reset();
      this.inc(sessionsFromMemory());
    },
  });
  const engine = database.engine;
  const observer: QueryObserver = (operation, seconds, failed) => {
    duration.observe({ operation, engine }, seconds);
    if (failed) errors.inc({ operation, engine });
  };
  database.observers.add(observer);
  app.addHook("onClose", (_app, done) => {
    database.observers.delete(observer);
    done();
  });
  const pool = database.pool;
  if (!pool) return;
  const poolGauge = (name: string, help: string, read: (p: PoolState) => number) =>
    new Gauge({
      name,
      help,
      registers: [register],
      collect() {
        this.set(read(pool()));
      },
    });
  poolGauge("renkei_db_pool_max", "PostgreSQL connections this instance may open", (p) => p.max);
  poolGauge("renkei_db_pool_in_use", "PostgreSQL connections running a statement or transaction", (p) => p.total - p.idle);
  poolGauge("renkei_db_pool_idle", "PostgreSQL connections open and free", (p) => p.idle);
  poolGauge("renkei_db_pool_waiting", "Requests waiting for a free PostgreSQL connection", (p) => p.waiting);
}
