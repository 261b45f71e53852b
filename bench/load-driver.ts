/**
 * The load generator of bench:load, run by bench/load.ts as its own process so its CPU is neither the
 * instances' nor the orchestrator's. Reads the plan (a JSON file named by argv[2]), runs every journey
 * at once with autocannon for the plan's duration, and prints one JSON line: per journey the latency of
 * each of its requests (p50/p95/p99 from every response time, not autocannon's fixed percentiles),
 * requests, journeys completed, errors (non-2xx, socket errors, timeouts) and throughput.
 */
import fs from "node:fs";
import autocannon from "autocannon";
import { percentile } from "./support.js";

export interface Step {
  method: "GET" | "POST" | "PUT";
  path: string;
  body?: unknown;
  /** Survey answers: remember the `version` of this response … */
  captureVersion?: boolean;
  /** … and send it as the body's `version` (the editor's optimistic lock). */
  sendVersion?: boolean;
}

export interface Journey {
  name: string;
  connections: number;
  cookie: string;
  csrf: string;
  steps: Step[];
}

export interface Plan {
  url: string;
  seconds: number;
  journeys: Journey[];
}

export interface JourneyResult {
  name: string;
  requests: number;
  journeys: number;
  errors: number;
  /** The answers that were not 2xx, by status ("503": 12), and "socket"/"timeout" for those with no answer. */
  failures: Record<string, number>;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

function failuresOf(r: autocannon.Result): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) if (!code.startsWith("2")) out[code] = count ?? 0;
  if (r.errors - r.timeouts > 0) out.socket = r.errors - r.timeouts;
  if (r.timeouts > 0) out.timeout = r.timeouts;
  return out;
}

function run(plan: Plan, j: Journey): Promise<JourneyResult> {
  const times: number[] = [];
  const requests = j.steps.map((s) => ({
    method: s.method,
    path: s.path,
    headers: {
      cookie: j.cookie,
      ...(s.method === "GET" ? {} : { "x-csrf-token": j.csrf, "content-type": "application/json" }),
    },
    // autocannon fills in its defaults with Object.assign: a key set to undefined would replace them.
    ...(s.body && !s.sendVersion ? { body: JSON.stringify(s.body) } : {}),
    ...(s.sendVersion && {
      setupRequest: (req: { body?: string }, context: { version?: number }) => ({
        ...req,
        body: JSON.stringify({ ...(s.body as object), version: context.version ?? 0 }),
      }),
    }),
    ...(s.captureVersion && {
      onResponse: (_status: number, body: string, context: { version?: number }) => {
        try {
          context.version = (JSON.parse(body) as { version: number }).version;
        } catch {}
      },
    }),
  }));
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: plan.url, connections: j.connections, duration: plan.seconds, requests: requests as never, timeout: 30 },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          name: j.name,
          requests: r.requests.total,
          journeys: Math.floor(r.requests.total / j.steps.length),
          errors: r.non2xx + r.errors + r.timeouts,
          failures: failuresOf(r),
          rps: r.requests.total / plan.seconds,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  });
}

const plan = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as Plan;
const results = await Promise.all(plan.journeys.map((j) => run(plan, j)));
process.stdout.write(`${JSON.stringify(results)}\n`);
