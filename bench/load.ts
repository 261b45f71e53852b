/**
 * bench:load — national scale on PostgreSQL, 1 and then 2 instances behind HAProxy (not part of npm test).
 * Generates the national dataset in a scratch database: 47 prefectures, 1,741 municipalities, 50,000 users,
 * a year of weekly council meetings (half held, half ahead) each with a material, the demo council's content
 * (meetings, notices, its survey), the desk's consultations (20,000), and a year of progress history (20 items per municipality, bench/progress-data.ts).
 * Then starts `renkei serve` instances as child processes (production settings, LOG_LEVEL=info, the log in
 * a file) behind a real HAProxy, signs clerks and staff in through it, and runs every journey at once from
 * a separate load-generator process (bench/load-driver.ts, autocannon): per journey p50/p95/p99 of its
 * requests, errors and throughput; per instance CPU (share of one core) and RSS; the 1 → 2 scaling factor.
 *   npm run bench:load                         full size, 20 s per phase
 *   SCALE=0.05 SECONDS=10 npm run bench:load    5 % of the users, consultations, meetings and histories
 * Needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server) and haproxy (Debian's, in /usr/sbin).
 * The machine may be shared: the load average is printed with the figures.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { actingAs, seedDemoContent } from "../server/modules/demo/content.js";
import { uploadMaterials } from "../server/modules/meetings/materials.js";
import { announceMeeting, createMeeting } from "../server/modules/meetings/meetings.js";
import { samplePdf } from "../server/modules/meetings/test-support.js";
import { insertChunked } from "../server/modules/progress/batch-repo.js";
import { newId, nowIso } from "../server/platform/context.js";
import { localUpload } from "../server/platform/files/upload.js";
import { freePort } from "../server/platform/testing/free-port.js";
import { scratchPostgres } from "../server/platform/testing/scratch-postgres.js";
import { meetingInput } from "../shared/api/meetings.js";
import { addDays } from "../shared/dates/calendar.js";
import { jstDate, jstInstant } from "../shared/dates/jst.js";
import { lgCheckDigit } from "../shared/lg-code.js";
import { generateConsultations } from "./desk-data.js";
import { buildServer } from "./http-servers.js";
import type { Journey, JourneyResult, Plan } from "./load-driver.js";
import { MUNICIPALITIES, makeHistory, makeOrgs, makeProgramme } from "./progress-data.js";
import { BENCH_PASSWORD, benchPostgresServer, openBenchDatabase } from "./support.js";

const SCALE = Number(process.env.SCALE ?? 1);
const SECONDS = Number(process.env.SECONDS ?? 20);
const root = path.resolve(import.meta.dirname, "..");
const CLOCK_TICKS = 100; // USER_HZ of /proc/<pid>/stat
const log = (s: string) => console.log(s);
const n = (full: number) => Math.max(1, Math.round(full * SCALE));

async function generate(b: Awaited<ReturnType<typeof openBenchDatabase>>) {
  const { ctx } = b;
  const t0 = performance.now();
  const demo = await b.seedDemo();
  await seedDemoContent(ctx, demo);
  const now = nowIso();
  // The 46 other prefectures (the demo's is 山口県) and the nation's municipalities.
  await insertChunked(
    ctx,
    "orgs",
    Array.from({ length: 46 }, (_, i) => {
      const base = String(900000 + i * 10).slice(0, 5);
      return {
        id: newId(),
        lg_code: `${base}${lgCheckDigit(base)}`,
        kind: "prefecture" as const,
        name: `県${String(i + 1).padStart(2, "0")}`,
        kana: "けん",
        name_en: null,
        population: 1_000_000,
        created_at: now,
        updated_at: now,
      };
    }),
  );
  const orgs = await makeOrgs(ctx);
  // 50,000 clerks over the municipalities, all with the bench password (its hash copied from a demo user).
  const { password_hash } = await ctx.db
    .selectFrom("users")
    .select("password_hash")
    .where("email", "=", "shunan@example.jp")
    .executeTakeFirstOrThrow();
  const users = Array.from({ length: n(50_000) }, (_, i) => ({
    id: newId(),
    org_id: orgs[i % orgs.length]!.id,
    email: `clerk${i}@load.example.jp`,
    name: `職員 ${i}`,
    role: "municipal" as const,
    is_org_admin: (i < orgs.length ? 1 : 0) as 0 | 1,
    password_hash,
    status: "active" as const,
    failed_logins: 0,
    locked_until: null,
    totp_secret: null,
    totp_enabled: 0 as const,
    totp_last_step: null,
    locale: "ja" as const,
    calendar_token: null,
    created_at: now,
    updated_at: now,
  }));
  await insertChunked(ctx, "users", users);
  log(`  ${orgs.length + 47} organisations, ${users.length.toLocaleString()} generated users`);
  // A year of council meetings, one a week, announced, each with a material (through the meetings service:
  // numbering, search, audit, the material's blob in the file store).
  const sec = await actingAs(ctx, "secretariat@example.jp");
  const weeks = n(52);
  for (let w = 0; w < weeks; w++) {
    const day = addDays(jstDate(), 7 * (w - Math.floor(weeks / 2)) + 1);
    const meeting = await createMeeting(
      sec,
      meetingInput.parse({
        bodyId: demo.bodies.council,
        kind: "online",
        startsAt: jstInstant(day, "10:00").toISOString(),
        endsAt: jstInstant(day, "11:00").toISOString(),
        onlineUrl: "https://meet.example.jp/renkei",
      }),
    );
    const pdf = await samplePdf(`Weekly meeting ${w + 1}`, 3);
    await uploadMaterials(sec, meeting.id, localUpload({}, [{ bytes: pdf, name: `週次会議資料${w + 1}.pdf` }]));
    await announceMeeting(sec, meeting.id);
  }
  log(`  ${weeks} weekly meetings`);
  const staffIds = (
    await ctx.db.selectFrom("users").select("id").where("role", "in", ["secretariat", "specialist"]).execute()
  ).map((u) => u.id);
  const municipalUserByOrg = new Map(users.slice(0, orgs.length).map((u) => [u.org_id, u.id]));
  await generateConsultations(ctx, n(20_000), { staffIds, orgIds: [...municipalUserByOrg.keys()], municipalUserByOrg });
  log(`  ${n(20_000).toLocaleString()} consultations with threads`);
  // The national programme of the same code takes the place of the demo council's one (kept, renamed).
  await ctx.db
    .updateTable("progress_programmes")
    .set({ code: "demo-standardisation" })
    .where("code", "=", "standardisation")
    .execute();
  const programme = await makeProgramme(ctx);
  const history = await makeHistory(ctx, orgs.slice(0, n(MUNICIPALITIES)), programme, 12, log);
  log(`  progress: ${n(MUNICIPALITIES)} municipalities × 20 items, ${history.toLocaleString()} history rows`);
  await sql`VACUUM ANALYZE`.execute(ctx.db);
  log(`  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return { programmeId: programme.programmeId };
}

async function until(what: string, check: () => Promise<boolean>, seconds = 60) {
  for (let i = 0; i < seconds * 10; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${seconds} s`);
}
const ok = (url: string) => () =>
  fetch(url)
    .then((r) => r.ok)
    .catch(() => false);

interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  cpuSeconds(): number;
  rssMiB(): number;
}

function spawnLogged(cmd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string) {
  const out = fs.openSync(logFile, "a");
  const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  return child;
}

async function startInstance(name: string, dataDir: string, databaseUrl: string, publicUrl: string): Promise<Instance> {
  const port = await freePort();
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: publicUrl,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    TRUST_PROXY: "true",
    RENKEI_DEMO_CONTENT: "false",
    DRAIN_SECONDS: "0",
  };
  const child = spawnLogged(process.execPath, ["bin/renkei.js", "serve"], env, path.join(dataDir, `instance-${name}.log`));
  await until(`instance ${name} ready`, ok(`http://127.0.0.1:${port}/readyz`));
  return {
    name,
    port,
    child,
    cpuSeconds: () => {
      const f = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
    },
    rssMiB: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024,
  };
}

/**
 * HAProxy with /readyz checks as the README advises: under load a readiness answer can take longer than the
 * check interval, so the check has its own timeout (5 s) and three failures take an instance out; with a
 * 500 ms timeout the only instance was marked down and HAProxy itself answered 503 to every journey.
 */
async function startHaproxy(dir: string, port: number, instances: Instance[]) {
  const cfg = path.join(dir, "haproxy.cfg");
  fs.writeFileSync(
    cfg,
    `global
  log stderr format raw local0 warning
  maxconn 2000
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout check 5s
  option http-keep-alive
frontend renkei
  bind 127.0.0.1:${port}
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 1s fall 3 rise 1
${instances.map((i) => `  server ${i.name} 127.0.0.1:${i.port} check`).join("\n")}
`,
  );
  const bin = fs.existsSync("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy";
  const child = spawnLogged(bin, ["-db", "-f", cfg], process.env, path.join(dir, "haproxy.log"));
  await until("haproxy ready", ok(`http://127.0.0.1:${port}/readyz`), 20);
  return child;
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

async function signIn(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** The journeys, with ids found through the API as the clerks and staff see them. */
async function journeys(base: string, programmeId: string): Promise<Journey[]> {
  const staff = await signIn(base, "secretariat@example.jp");
  const clerks = await Promise.all(
    ["shunan", "kaminoseki", "abu", "mine"].map((c) => signIn(base, `${c}@example.jp`).then((s) => ({ c, ...s }))),
  );
  const get = async <T>(who: { cookie: string }, url: string) => {
    const res = await fetch(base + url, { headers: { cookie: who.cookie } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const clerk = clerks[0]!;
  const meetings = await get<{ items: { id: string }[] }>(clerk, "/api/meetings?limit=500");
  let meeting: { id: string; materials: { id: string }[] } | undefined;
  for (const m of meetings.items) {
    const d = await get<{ id: string; materials: { id: string }[] }>(clerk, `/api/meetings/${m.id}`);
    if (d.materials.length) {
      meeting = d;
      break;
    }
  }
  if (!meeting) throw new Error("no meeting with materials in the demo content");
  const surveys = await get<{ items: { id: string; status: string }[] }>(clerk, "/api/surveys");
  const survey = surveys.items.find((s) => s.status === "open") ?? surveys.items[0];
  if (!survey) throw new Error("no survey for the clerk");
  let asker: (typeof clerks)[number] | undefined;
  let consultation: string | undefined;
  for (const c of clerks) {
    consultation = (await get<{ items: { id: string }[] }>(c, "/api/consultations?limit=1")).items[0]?.id;
    asker = c;
    if (consultation) break;
  }
  if (!consultation || !asker) throw new Error("no consultation for the demo towns");
  const me = await Promise.all(clerks.map((c) => get<{ user: { org: { id: string } } }>(c, "/api/me")));
  const q = encodeURIComponent("デジタル");
  const reads = (name: string, who: { cookie: string; csrf: string }, paths: string[], connections = 2): Journey => ({
    name,
    connections,
    ...who,
    steps: paths.map((p) => ({ method: "GET", path: p })),
  });
  return [
    reads("home", clerk, ["/api/me", "/api/home", "/api/notifications/unread-count"]),
    reads("lists", clerks[1]!, ["/api/meetings", "/api/notices", "/api/surveys", "/api/documents", "/api/challenges"]),
    reads("meeting + material", clerks[2]!, [
      `/api/meetings/${meeting.id}`,
      `/api/meetings/${meeting.id}/materials/${meeting.materials[0]!.id}/file`,
    ]),
    // One lane per town: each edits its own answer (the version is the editor's lock).
    ...clerks.map((c, i) => ({
      name: "survey answer",
      connections: 1,
      cookie: c.cookie,
      csrf: c.csrf,
      steps: [
        { method: "GET" as const, path: `/api/surveys/${survey.id}` },
        { method: "GET" as const, path: `/api/surveys/${survey.id}/answers/${me[i]!.user.org.id}`, captureVersion: true },
        {
          method: "PUT" as const,
          path: `/api/surveys/${survey.id}/answers/${me[i]!.user.org.id}`,
          body: { data: {} },
          sendVersion: true,
        },
      ],
    })),
    {
      name: "consultation reply",
      connections: 1,
      cookie: asker.cookie,
      csrf: asker.csrf,
      steps: [
        { method: "GET", path: `/api/consultations/${consultation}` },
        { method: "POST", path: `/api/consultations/${consultation}/messages`, body: { body: "追加で確認させてください。" } },
      ],
    },
    reads("dashboard", staff, [`/api/progress/dashboard?programmeId=${programmeId}`], 1),
    reads("search", clerks[3]!, [`/api/search?q=${q}`, `/api/search?q=${encodeURIComponent("標準化")}`]),
  ];
}

function drive(dir: string, plan: Plan): Promise<JourneyResult[]> {
  const file = path.join(dir, "plan.json");
  fs.writeFileSync(file, JSON.stringify(plan));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/load-driver.ts", file], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load driver exited ${code}`))));
  });
}

/** "  (503 ×970, timeout ×4)" — what the errors were; nothing when there were none. */
const failureText = (f: Record<string, number>) =>
  Object.keys(f).length
    ? `  (${Object.entries(f)
        .map(([k, n]) => `${k} ×${n}`)
        .join(", ")})`
    : "";

/** Journeys with several lanes (survey answer) are merged: requests and errors summed, the slowest lane's percentiles. */
function merge(results: JourneyResult[]) {
  const by = new Map<string, JourneyResult>();
  for (const r of results) {
    const m = by.get(r.name);
    if (!m) by.set(r.name, { ...r });
    else
      by.set(r.name, {
        ...m,
        requests: m.requests + r.requests,
        journeys: m.journeys + r.journeys,
        errors: m.errors + r.errors,
        failures: Object.fromEntries(
          [...new Set([...Object.keys(m.failures), ...Object.keys(r.failures)])].map((k) => [
            k,
            (m.failures[k] ?? 0) + (r.failures[k] ?? 0),
          ]),
        ),
        rps: m.rps + r.rps,
        p50: Math.max(m.p50, r.p50),
        p95: Math.max(m.p95, r.p95),
        p99: Math.max(m.p99, r.p99),
      });
  }
  return [...by.values()];
}

async function phase(count: number, dir: string, databaseUrl: string, programmeId: string) {
  const lbPort = await freePort();
  const base = `http://127.0.0.1:${lbPort}`;
  const instances: Instance[] = [];
  for (let i = 0; i < count; i++) instances.push(await startInstance(String.fromCharCode(97 + i), dir, databaseUrl, base));
  const haproxy = await startHaproxy(dir, lbPort, instances);
  try {
    const plan: Plan = { url: base, seconds: SECONDS, journeys: await journeys(base, programmeId) };
    await drive(dir, { ...plan, seconds: 2 }); // warm-up: JIT, statement caches, pools
    const cpu0 = instances.map((i) => i.cpuSeconds());
    const t0 = performance.now();
    const results = merge(await drive(dir, plan));
    const wall = (performance.now() - t0) / 1000;
    const load = os.loadavg();
    console.log(
      `\n${count} instance${count > 1 ? "s" : ""} (${SECONDS} s, load average ${load.map((l) => l.toFixed(2)).join(" ")})`,
    );
    console.log(
      `  ${"journey".padEnd(20)}${"req/s".padStart(8)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"errors".padStart(8)}`,
    );
    for (const r of results)
      console.log(
        `  ${r.name.padEnd(20)}${r.rps.toFixed(1).padStart(8)}${r.p50.toFixed(0).padStart(9)}${r.p95.toFixed(0).padStart(9)}${r.p99.toFixed(0).padStart(9)}${String(r.errors).padStart(8)}${failureText(r.failures)}`,
      );
    const total = results.reduce((s, r) => s + r.rps, 0);
    const errors = results.reduce((s, r) => s + r.errors, 0);
    console.log(`  ${"all".padEnd(20)}${total.toFixed(1).padStart(8)}${"".padStart(27)}${String(errors).padStart(8)}`);
    for (const [k, i] of instances.entries())
      console.log(
        `  instance ${i.name}: CPU ${(((i.cpuSeconds() - cpu0[k]!) / wall) * 100).toFixed(0)} % of a core, RSS ${i.rssMiB().toFixed(0)} MiB`,
      );
    return total;
  } finally {
    await stop(haproxy);
    for (const i of instances) await stop(i.child);
  }
}

async function main() {
  const server = benchPostgresServer();
  if (!server) throw new Error("bench:load needs PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL");
  buildServer();
  const scratch = await scratchPostgres(server, "renkei_load");
  const b = await openBenchDatabase({ databaseUrl: scratch.url });
  try {
    console.log(`bench:load — SCALE=${SCALE}, ${os.cpus().length} cores, PostgreSQL`);
    const { programmeId } = await generate(b);
    await b.database.close();
    const one = await phase(1, b.dataDir, scratch.url, programmeId);
    const two = await phase(2, b.dataDir, scratch.url, programmeId);
    console.log(`\nscaling 1 → 2 instances: ×${(two / one).toFixed(2)} throughput`);
  } finally {
    fs.rmSync(b.dataDir, { recursive: true, force: true });
    await scratch.drop();
  }
}

await main();
