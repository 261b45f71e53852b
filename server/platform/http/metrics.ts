import { timingSafeEqual } from "node:crypto";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Config } from "../../config.js";
import type { Database } from "../db/database.js";
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
 * event-loop lag, GC) and, read from the database on each scrape, the job queue and the mail outbox.
 */
export function registerMetrics(app: App, config: Config, database: Database) {
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

  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url ?? "unmatched";
    if (route !== "/metrics") {
      const labels = { method: request.method, route, status: String(reply.statusCode) };
      requests.inc(labels);
      latency.observe(labels, reply.elapsedTime / 1000);
    }
    done();
  });

  app.get("/metrics", { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (!config.metricsToken) throw new AppError("NOT_FOUND", "指定されたページが見つかりません。");
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
    if (!sameToken(given, config.metricsToken)) {
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
