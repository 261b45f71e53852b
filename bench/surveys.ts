/**
 * bench:surveys — a national-scale 照会: 1,741 organisations × 100 questions (99 typed questions and
 * a 20-row grid). Measures, over real HTTP on SQLite (or PostgreSQL with DATABASE_URL):
 *  - answer-submission throughput (every organisation submits once, CONCURRENCY at a time);
 *  - time and peak memory of the aggregate view (GET /results) and of the streamed XLSX export.
 * CPU ms is the process's CPU time during the first request (server and the reading client share the
 * process): on a busy machine it shows the work done when wall time shows the wait for a core.
 * Peak memory is the whole server process's maximum resident set (and its growth while the request
 * runs), measured in a fresh child process per view so one measurement does not hide the next.
 *   npm run bench:surveys                 (SCALE=1741 organisations, CONCURRENCY=8)
 *   SCALE=300 npm run bench:surveys       (a quick run)
 *   DATABASE_URL=postgres://…/empty_db npm run bench:surveys   (PostgreSQL: an empty database it may fill)
 * Measured on the 2-core machine (1741 × 100): see the closing note of issue 5.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { systemsGrid } from "../server/modules/surveys/fixtures.js";
import { newSecret, sha256 } from "../server/platform/auth/tokens.js";
import { newId, nowIso } from "../server/platform/context.js";
import { openDatabase } from "../server/platform/db/database.js";
import { lgCheckDigit } from "../shared/lg-code.js";
import type { DefinitionInput, QuestionInput } from "../shared/surveys/definition.js";
import { type BenchDatabase, benchApp, benchConfig, openBenchDatabase, percentile, type Session } from "./support.js";

const SCALE = Number(process.env.SCALE ?? 1741);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const self = fileURLToPath(import.meta.url);

interface State {
  surveyId: string;
  secretariat: Session;
  orgs: (Session & { orgId: string })[];
}
// PostgreSQL when DATABASE_URL is set (an empty database the benchmark fills), else SQLite in the data folder.
const env = { DATABASE_URL: process.env.DATABASE_URL, JOBS_ENABLED: "false" };

/** 99 typed questions in rotation, then the grid of the 20 standardised systems. */
function definition(): DefinitionInput {
  const options = [1, 2, 3, 4].map((i) => ({ id: `o${i}`, label: `選択肢${i}` }));
  const kinds = [
    "short_text",
    "number",
    "single_choice",
    "multiple_choice",
    "date",
    "yes_no",
    "long_text",
    "number",
    "single_choice",
  ];
  const questions: QuestionInput[] = Array.from({ length: 99 }, (_, i) => {
    const base = { id: `q${i + 1}`, title: `設問${i + 1}`, required: i % 3 === 0 };
    const kind = kinds[i % kinds.length]!;
    if (kind === "number") return { ...base, kind, unit: "件", min: 0, max: 100000 };
    if (kind === "single_choice") return { ...base, kind, options, allowOther: true };
    if (kind === "multiple_choice") return { ...base, kind, options };
    return { ...base, kind } as QuestionInput;
  });
  const grid = systemsGrid();
  questions.push({ ...grid, columns: [...grid.columns, { id: "vendor", kind: "short_text", label: "事業者" }] });
  return { sections: [{ id: "s1", title: "照会", questions }] };
}

/** A full answer for organisation n (deterministic). */
function answer(n: number): Record<string, unknown> {
  const def = definition();
  const out: Record<string, unknown> = {};
  for (const q of def.sections[0]!.questions) {
    const k = (n + q.id.length) % 4;
    if (q.kind === "short_text") out[q.id] = `回答${n}`;
    else if (q.kind === "long_text") out[q.id] = `長い回答 ${n} `.repeat(5);
    else if (q.kind === "number") out[q.id] = (n * 7 + k) % 1000;
    else if (q.kind === "single_choice") out[q.id] = n % 10 === 0 ? { other: "その他の回答" } : `o${k + 1}`;
    else if (q.kind === "multiple_choice") out[q.id] = { choices: [`o${k + 1}`, `o${((k + 1) % 4) + 1}`] };
    else if (q.kind === "date") out[q.id] = `2026-${String((n % 12) + 1).padStart(2, "0")}-15`;
    else if (q.kind === "yes_no") out[q.id] = n % 2 === 0;
    else if (q.kind === "grid")
      out[q.id] = Object.fromEntries(
        q.rows.map((r, i) => [
          r.id,
          { status: ["done", "doing", "todo"][(n + i) % 3], target: "2026-03-31", vendor: `ベンダー${(n + i) % 7}` },
        ]),
      );
  }
  return out;
}

/** The council from the demo seed plus synthetic municipalities up to SCALE, one clerk and one session each. */
async function setup(bench: BenchDatabase): Promise<State> {
  const { database } = bench;
  const demo = await bench.seedDemo();
  const now = nowIso();
  const extra = Math.max(0, SCALE - 19);
  const orgRows = Array.from({ length: extra }, (_, i) => {
    const five = String(90000 + i).padStart(5, "0");
    return {
      id: newId(),
      lg_code: `${five}${lgCheckDigit(five)}`,
      kind: "town" as const,
      name: `ベンチ町${i + 1}`,
      kana: "べんちちょう",
      name_en: null,
      population: 10000,
      created_at: now,
      updated_at: now,
    };
  });
  for (let i = 0; i < orgRows.length; i += 500)
    await database.db
      .insertInto("orgs")
      .values(orgRows.slice(i, i + 500))
      .execute();
  const userRows = orgRows.map((o, i) => ({
    id: newId(),
    org_id: o.id,
    email: `bench${i + 1}@example.jp`,
    name: `${o.name} 担当`,
    role: "municipal" as const,
    is_org_admin: 1 as const,
    password_hash: null,
    status: "active" as const,
    failed_logins: 0,
    locked_until: null,
    totp_secret: null,
    totp_enabled: 0 as const,
    locale: "ja" as const,
    calendar_token: null,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < userRows.length; i += 500)
    await database.db
      .insertInto("users")
      .values(userRows.slice(i, i + 500))
      .execute();
  const clerks = await database.db
    .selectFrom("users as u")
    .innerJoin("orgs as o", "o.id", "u.org_id")
    .select(["u.id", "u.org_id"])
    .where("o.kind", "in", ["city", "town", "village"])
    .where("u.role", "=", "municipal")
    .orderBy("u.email")
    .execute();
  const oneClerk = new Map<string, string>();
  for (const c of clerks) if (!oneClerk.has(c.org_id)) oneClerk.set(c.org_id, c.id);

  const session = async (userId: string): Promise<Session> => {
    const token = newSecret();
    const csrf = newSecret();
    const expires = new Date(Date.now() + 86400_000).toISOString();
    await database.db
      .insertInto("sessions")
      .values({
        id: sha256(token),
        user_id: userId,
        csrf_token: csrf,
        mfa_passed: 1,
        ip: null,
        user_agent: null,
        created_at: now,
        last_seen_at: now,
        expires_at: expires,
      })
      .execute();
    return { cookie: `renkei_session=${token}`, csrf };
  };
  const orgs: State["orgs"] = [];
  for (const [orgId, userId] of oneClerk) orgs.push({ orgId, ...(await session(userId)) });
  const secretariat = await session(demo.users["secretariat@example.jp"]!);

  const app = await benchApp(bench);
  const post = async (url: string, body: unknown) => {
    const res = await app.inject({
      method: "POST",
      url,
      payload: body as object,
      headers: { cookie: secretariat.cookie, "x-csrf-token": secretariat.csrf },
    });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const deadline = new Date(Date.now() + 30 * 86400_000).toISOString();
  const survey = await post("/api/surveys", {
    title: "全国規模の照会（ベンチマーク）",
    definition: definition(),
    deadlineAt: deadline,
  });
  await post(`/api/surveys/${survey.id}/publish`, {});
  await app.close();
  return { surveyId: survey.id, secretariat, orgs };
}

/** Every organisation submits its full answer once over HTTP, CONCURRENCY requests in flight. */
async function submitAll(base: string, state: State) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < state.orgs.length) {
      const i = next++;
      const o = state.orgs[i]!;
      const t = performance.now();
      const res = await fetch(`${base}/api/surveys/${state.surveyId}/answers/${o.orgId}/submit`, {
        method: "POST",
        headers: { cookie: o.cookie, "x-csrf-token": o.csrf, "content-type": "application/json" },
        body: JSON.stringify({ version: 0, data: answer(i) }),
      });
      if (res.status !== 200) throw new Error(`submit ${i}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    n: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Child process: one GET, streamed and discarded; prints time, bytes and the growth of peak RSS. */
async function phase(name: string, dataDir: string, stateFile: string) {
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as State;
  const config = benchConfig(dataDir, env);
  const database = openDatabase(config);
  const app = await benchApp({ config, database });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `${base}/api/surveys/${state.surveyId}/${name === "xlsx" ? "export.xlsx" : name === "csv" ? "export.csv" : "results"}`;
  const headers = { cookie: state.secretariat.cookie };
  // Warm the route (compilation, caches) on a small request, then measure.
  await (await fetch(`${base}/api/surveys/${state.surveyId}`, { headers })).arrayBuffer();
  const rssBefore = process.resourceUsage().maxRSS;
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  const reader = res.body!.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const rssGrowthMb = peakRssMb - rssBefore / 1024;
  // The same request again, warm (time only: the peak is already taken).
  const t2 = performance.now();
  await (await fetch(url, { headers })).arrayBuffer();
  const msWarm = performance.now() - t2;
  console.log(JSON.stringify({ name, ms, cpuMs, msWarm, bytes, peakRssMb, rssGrowthMb, heapBeforeMb: heapBefore / 1048576 }));
  await app.close();
  await database.close();
}

async function main() {
  if (process.argv[2] === "phase") return phase(process.argv[3]!, process.argv[4]!, process.argv[5]!);
  const bench = await openBenchDatabase({ env });
  const { dataDir } = bench;
  const t0 = performance.now();
  const state = await setup(bench);
  const setupS = (performance.now() - t0) / 1000;
  const app = await benchApp(bench);
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const submit = await submitAll(base, state);
  await app.close();
  // The views are measured in child processes on the same data folder: close the database, keep the folder.
  await bench.database.close();
  const stateFile = path.join(dataDir, "bench-state.json");
  fs.writeFileSync(stateFile, JSON.stringify(state));
  const run = (name: string) =>
    JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", self, "phase", name, dataDir, stateFile], {
        encoding: "utf8",
        env: process.env,
      })
        .trim()
        .split("\n")
        .at(-1)!,
    );
  const views = ["results", "xlsx", "csv"].map(run);

  const engine = process.env.DATABASE_URL ? "PostgreSQL" : "SQLite";
  console.log(
    `bench:surveys  (${os.cpus().length} cores, ${engine}, ${state.orgs.length} organisations × 100 questions incl. a 20-row grid)`,
  );
  console.log(`setup (seed, organisations, sessions, publish): ${setupS.toFixed(1)} s`);
  console.log(
    `submissions: ${submit.n} in ${submit.seconds.toFixed(1)} s = ${submit.perSecond.toFixed(1)}/s at ${CONCURRENCY} concurrent, p50 ${submit.p50.toFixed(0)} ms, p99 ${submit.p99.toFixed(0)} ms`,
  );
  console.log("view                        first ms  CPU ms  again ms     size  peak RSS (process)  growth");
  const labels: Record<string, string> = {
    results: "aggregate (GET /results)",
    xlsx: "XLSX export (streamed)",
    csv: "CSV export (UTF-8 BOM)",
  };
  for (const v of views)
    console.log(
      `${labels[v.name]!.padEnd(27)} ${v.ms.toFixed(0).padStart(8)} ${v.cpuMs.toFixed(0).padStart(7)} ${v.msWarm.toFixed(0).padStart(9)} ${(v.bytes / 1048576).toFixed(1).padStart(7)} MB ${v.peakRssMb.toFixed(0).padStart(14)} MB ${v.rssGrowthMb.toFixed(0).padStart(5)} MB`,
    );
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
