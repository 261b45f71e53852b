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
