import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { enqueue } from "../jobs/queue.js";
import { engine, type TestEnv, testEnv } from "../testing/harness.js";

const token = "metrics-token-for-the-test-0123";
let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ METRICS_TOKEN: token });
});

const scrape = async (authorization?: string) =>
  env.app.inject({ method: "GET", url: "/metrics", headers: authorization ? { authorization } : {} });

/** The value of one sample line of the Prometheus text format. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe(`/metrics on ${engine}`, () => {
  it("counts requests by route template and status with a latency histogram, and shows the queue and the process", async () => {
    const abu = await env.as("abu@example.jp");
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const id of ids) expect((await abu.get(`/api/documents/${id}`)).status).toBe(404);
    expect((await env.anon.get(`/api/documents/${ids[0]}`)).status).toBe(401);
    // Two jobs due for ten minutes and one for later.
    const past = new Date(Date.now() - 600_000);
    await enqueue(env.ctx, "test.metrics", {}, { runAt: past });
    await enqueue(env.ctx, "test.metrics", {}, { runAt: past });
    await enqueue(env.ctx, "test.metrics", {}, { runAt: new Date(Date.now() + 3600_000) });

    const res = await scrape(`Bearer ${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    const text = res.body;
    const route = { method: "GET", route: "/api/documents/:id" };
    expect(sample(text, "renkei_http_requests_total", { ...route, status: "404" })).toBe(3);
    expect(sample(text, "renkei_http_requests_total", { ...route, status: "401" })).toBe(1);
    expect(sample(text, "renkei_http_request_duration_seconds_count", { ...route, status: "404" })).toBe(3);
    expect(sample(text, "renkei_http_request_duration_seconds_bucket", { ...route, status: "404", le: "+Inf" })).toBe(3);
    for (const id of ids) expect(text).not.toContain(id);
    expect(sample(text, "renkei_jobs_due")).toBeGreaterThanOrEqual(2);
    expect(sample(text, "renkei_jobs_queued")).toBeGreaterThanOrEqual(3);
    expect(sample(text, "renkei_jobs_oldest_due_age_seconds")).toBeGreaterThanOrEqual(600);
    expect(sample(text, "renkei_mail_outbox_pending")).toBeGreaterThanOrEqual(0);
    expect(sample(text, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);

    // The scrape itself is not counted; the next scrape still shows the same figures for the route.
    const again = (await scrape(`Bearer ${token}`)).body;
    expect(sample(again, "renkei_http_requests_total", { ...route, status: "404" })).toBe(3);
    expect(sample(again, "renkei_http_requests_total", { method: "GET", route: "/metrics", status: "200" })).toBeUndefined();
  });

  it("times every database statement by operation and engine, counts failed ones, and shows PostgreSQL's pool", async () => {
    const before = (await scrape(`Bearer ${token}`)).body;
    const count = (text: string, operation: string) =>
      sample(text, "renkei_db_query_duration_seconds_count", { operation, engine }) ?? 0;
    const errors = (text: string) => sample(text, "renkei_db_query_errors_total", { operation: "select", engine }) ?? 0;

    const clerk = await env.as("secretariat@example.jp");
    const made = await clerk.post("/api/document-folders", { area: "shared", name: "計測用フォルダ" });
    expect(made.status).toBe(201);
    const id = (made.body as { id: string }).id;
    expect((await clerk.patch(`/api/document-folders/${id}`, { name: "計測用フォルダ（改）" })).status).toBe(200);
    expect((await clerk.delete(`/api/document-folders/${id}`)).status).toBe(200);
    expect((await clerk.get("/api/home")).status).toBe(200);
    // A statement the database refuses.
    await expect(sql`select * from no_such_table_for_metrics`.execute(env.database.db)).rejects.toThrow();

    const text = (await scrape(`Bearer ${token}`)).body;
    for (const operation of ["select", "insert", "update", "delete", "transaction"])
      expect(count(text, operation), operation).toBeGreaterThan(count(before, operation));
    const selects = { operation: "select", engine };
    expect(sample(text, "renkei_db_query_duration_seconds_bucket", { ...selects, le: "+Inf" })).toBe(count(text, "select"));
    expect(sample(text, "renkei_db_query_duration_seconds_sum", selects)).toBeGreaterThan(0);
    expect(errors(text)).toBe(errors(before) + 1);
    if (engine === "postgres") {
      expect(sample(text, "renkei_db_pool_max")).toBe(10);
      // The scrape's own queue query has returned its connection: open ones are idle, nobody waits.
      expect(sample(text, "renkei_db_pool_idle")).toBeGreaterThanOrEqual(1);
      expect(sample(text, "renkei_db_pool_in_use")).toBeGreaterThanOrEqual(0);
      expect(sample(text, "renkei_db_pool_waiting")).toBe(0);
    } else {
      expect(text).not.toContain("renkei_db_pool_");
    }
  });

  it("refuses a wrong or missing token with 401, and is a 404 when no METRICS_TOKEN is configured", async () => {
    for (const auth of [`Bearer ${token}x`, "Bearer wrong", token, undefined]) {
      const res = await scrape(auth);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("UNAUTHENTICATED");
      expect(res.body).not.toContain("renkei_http");
    }
    const app = await buildApp({ config: { ...env.config, metricsToken: undefined }, database: env.database });
    try {
      const res = await app.inject({ method: "GET", url: "/metrics", headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
