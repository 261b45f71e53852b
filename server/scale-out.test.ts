import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { seedDemo } from "./modules/demo/seed.js";
import { minimalPdf } from "./modules/documents/test-files.js";
import { jst, samplePdf } from "./modules/meetings/test-support.js";
import { sendMail } from "./modules/notifications/mail.js";
import type { Ctx } from "./platform/context.js";
import { type Database, migrateToLatest, openDatabase } from "./platform/db/database.js";
import { startS3, type TestS3 } from "./platform/testing/s3.js";
import { type ScratchDatabase, scratchPostgres } from "./platform/testing/scratch-postgres.js";
import { startSmtpCapture } from "./platform/testing/smtp-capture.js";

/**
 * Two Renkei instances as child processes on one PostgreSQL database and one S3-compatible store (s3rver),
 * behind a real HAProxy (round-robin, health check on /readyz). PostgreSQL only: it runs once, in the unit
 * project, whenever TEST_DATABASE_URL is set (always under `npm test`).
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const bin = path.resolve(import.meta.dirname, "../bin/renkei.js");
const password = "Scale-Out-Password-2026";
const ports = { lb: 3510, a: 3511, b: 3512 };
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const pollMs = 20;
const metricsToken = "scale-out-metrics-token";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let s3: TestS3;
let scratch: ScratchDatabase;
let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>> | undefined;
let councilId: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-scale-"));
const children: ChildProcess[] = [];
const instances: Record<"a" | "b", ChildProcess> = {} as never;
const output: string[] = [];

function startChild(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const log = (d: Buffer) => output.push(`[${name}] ${d}`);
  child.stdout!.on("data", log);
  child.stderr!.on("data", log);
  child.on("error", (err) => output.push(`[${name}] could not start: ${err.message}\n`));
  children.push(child);
  return child;
}

function startInstance(name: "a" | "b") {
  const dataDir = path.join(tmp, name);
  fs.mkdirSync(dataDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...s3.env,
    DATA_DIR: dataDir,
    DATABASE_URL: scratch.url,
    PORT: String(ports[name]),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${ports.lb}`,
    LOG_LEVEL: "warn",
    SMTP_URL: smtp!.url,
    JOBS_ENABLED: "true",
    // An idle worker looks again every 20 ms, so both workers claim side by side as soon as jobs appear.
    JOB_POLL_MS: String(pollMs),
    DRAIN_SECONDS: "0",
    TEST_ENGINE: "",
    // As deployed: the in-memory copies (sessions, lists) are not compared with the database on each use, as
    // they are under test, so what a second instance sees is what production would.
    NODE_ENV: "production",
    METRICS_TOKEN: metricsToken,
  };
  delete env.TEST_DATABASE_URL;
  instances[name] = startChild(name, process.execPath, [bin, "serve"], env);
}

async function status(port: number, p: string): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${p}`)).status;
  } catch {
    return 0;
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, seconds: number) {
  for (let i = 0; i < seconds * 10; i++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what} did not happen within ${seconds} s:\n${output.join("")}`);
}

function startHaproxy() {
  const cfg = path.join(tmp, "haproxy.cfg");
  fs.writeFileSync(
    cfg,
    `global
  log stderr format raw local0 warning
defaults
  mode http
  timeout connect 1s
  timeout client 20s
  timeout server 20s
  # Without it a health check must answer within "inter" (200 ms): one slow /readyz on a loaded machine
  # marked both instances down at once (fall 1) and a request got a 503. A stopped instance still fails at once.
  timeout check 2s
  retries 3
  option redispatch
frontend renkei
  bind 127.0.0.1:${ports.lb}
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  http-response set-header X-Served-By %s
  default-server inter 200ms fall 1 rise 2
  server a 127.0.0.1:${ports.a} check
  server b 127.0.0.1:${ports.b} check
`,
  );
  // Debian puts it in /usr/sbin, which is not on every user's PATH.
  const haproxy = fs.existsSync("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy";
  startChild("haproxy", haproxy, ["-db", "-f", cfg], process.env);
}

/** A signed-in browser: its session cookie and CSRF token, sent to whichever port it is given. */
async function signIn(email: string) {
  const res = await fetch(`http://127.0.0.1:${ports.lb}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (port: number, url: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${port}${url}`, {
      ...init,
      headers: { cookie, "x-csrf-token": csrfToken, ...(init.headers as Record<string, string> | undefined) },
    });
}

describe.skipIf(!serverUrl)("two instances behind HAProxy on one PostgreSQL and one S3 store", () => {
  beforeAll(async () => {
    s3 = await startS3();
    scratch = await scratchPostgres(serverUrl!, "renkei_scale");
    smtp = await startSmtpCapture();

    // The demo council, seeded once before either instance starts (as an operator would run `renkei seed`).
    database = openDatabase({ dataDir: tmp, databaseUrl: scratch.url });
    await migrateToLatest(database.db);
    const config = loadConfig({ ...s3.env, DATA_DIR: tmp, DATABASE_URL: scratch.url, SMTP_URL: smtp!.url });
    const demo = await seedDemo(
      { db: database.db, engine: database.engine, config, actor: null, ip: null, userAgent: null },
      { password },
    );
    councilId = demo.bodies.council;

    startInstance("a");
    startInstance("b");
    startHaproxy();
    await waitFor("both instances ready", async () => (await status(ports.a, "/readyz")) === 200, 40);
    await waitFor("instance b ready", async () => (await status(ports.b, "/readyz")) === 200, 20);
    await waitFor("haproxy ready", async () => (await status(ports.lb, "/readyz")) === 200, 10);
  }, 90_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await Promise.all(
      children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.on("exit", r)) : null)),
    );
    await database?.close();
    await scratch?.drop();
    await s3?.close();
    await smtp?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("serves a file uploaded through one instance from the other, byte for byte", async () => {
    const browser = await signIn("secretariat@example.jp");
    const data = Buffer.concat([minimalPdf("広域連携会議資料"), Buffer.alloc(300_000, 0x20)]);
    const form = new FormData();
    form.set("area", "shared");
    form.set("title", "第3回会議資料");
    form.set("kind", "guideline");
    form.set("file", new Blob([data], { type: "application/pdf" }), "第3回会議資料.pdf");
    const up = await browser(ports.a, "/api/documents", { method: "POST", body: form });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };

    const down = await browser(ports.b, `/api/documents/${id}/versions/1/file`);
    expect(down.status).toBe(200);
    expect(down.headers.get("content-type")).toBe("application/pdf");
    expect(sha(Buffer.from(await down.arrayBuffer()))).toBe(sha(data));
    // Nothing of it sits on either instance's own disk: the object store is the only copy.
    for (const name of ["a", "b"]) {
      const files = path.join(tmp, name, "files");
      const stored = fs.existsSync(files) ? fs.readdirSync(files, { recursive: true }) : [];
      expect(stored.filter((f) => fs.statSync(path.join(files, String(f))).isFile())).toEqual([]);
    }
  }, 30_000);

  it("builds the meeting pack on one instance from materials uploaded through the other", async () => {
    const browser = await signIn("secretariat@example.jp");
    const json = (body: unknown): RequestInit => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const meeting = await browser(
      ports.lb,
      "/api/meetings",
      json({ bodyId: councilId, kind: "in_person", startsAt: jst(30, 14), endsAt: jst(30, 16), place: "山口県庁 共用第1会議室" }),
    );
    expect(meeting.status).toBe(201);
    const { id } = (await meeting.json()) as { id: string };
    const agenda = await browser(
      ports.lb,
      `/api/meetings/${id}/agenda`,
      json({ title: "広域連携の進め方", presenter: "事務局", minutesRequested: 15 }),
    );
    expect(agenda.status).toBe(201);
    const itemId = ((await agenda.json()) as { agenda: { id: string }[] }).agenda[0]!.id;
    for (const [label, pages] of [
      ["Plan", 2],
      ["Budget", 1],
    ] as const) {
      const form = new FormData();
      form.set("agendaItemId", itemId);
      form.set("file", new Blob([new Uint8Array(await samplePdf(label, pages))], { type: "application/pdf" }), `${label}.pdf`);
      expect((await browser(ports.a, `/api/meetings/${id}/materials`, { method: "POST", body: form })).status).toBe(201);
    }

    const pack = await browser(ports.b, `/api/meetings/${id}/pack.pdf`);
    expect(pack.status).toBe(200);
    const file = path.join(tmp, "pack.pdf");
    fs.writeFileSync(file, Buffer.from(await pack.arrayBuffer()));
    expect(execFileSync("qpdf", ["--show-npages", file], { encoding: "utf8" }).trim()).toBe("4"); // cover + 2 + 1
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("広域連携の進め方（事務局）");
    expect(text).toContain("Plan page 2");
    expect(text).toContain("Budget page 1");
  }, 30_000);

  it("ends a session signed out through one instance on the other, which was answering it from memory", async () => {
    const browser = await signIn("shunan@example.jp");
    const me = async (port: number) => (await browser(port, "/api/me")).status;
    const fromMemory = async () => {
      const res = await fetch(`http://127.0.0.1:${ports.b}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      return Number(/^renkei_sessions_from_memory_total (\d+)/m.exec(await res.text())?.[1]);
    };
    const before = await fromMemory();
    await waitFor(
      "b answering the session from memory",
      async () => (await me(ports.b)) === 200 && (await fromMemory()) > before,
      5,
    );
    expect((await browser(ports.a, "/api/auth/logout", { method: "POST" })).status).toBe(200);
    // b hears the commit on its listening connection (migration 1000) about a millisecond later.
    const start = performance.now();
    let answer = await me(ports.b);
    while (answer === 200 && performance.now() - start < 1000) answer = await me(ports.b);
    expect(answer).toBe(401);
    expect(await me(ports.a)).toBe(401);
  }, 30_000);

  it("sends each job once with two workers running", async () => {
    // 200 mails queued in one transaction, due a second later. Until both workers are seen waiting at a gate (an
    // EXCLUSIVE lock on the jobs table that lets plain reads through but holds every row lock and write), they
    // cannot claim; released after the jobs fall due, both claim at the same instant, then go on claiming 10
    // at a time side by side, polling every 20 ms. A claim that can hand one job to both workers (no
    // FOR UPDATE SKIP LOCKED, and no status check in its UPDATE) fails here every time: the first 10 jobs get
    // two attempts and their mails arrive twice.
    const config = loadConfig({ ...s3.env, DATA_DIR: tmp, DATABASE_URL: scratch.url, SMTP_URL: smtp!.url });
    const ctx: Ctx = { db: database.db, engine: database.engine, config, actor: null, ip: null, userAgent: null };
    const subjects = Array.from({ length: 200 }, (_, i) => `会議開催のお知らせ ${i + 1}`);
    smtp!.inbox.length = 0;
    const due = new Date(Date.now() + 1000);
    await database.db.transaction().execute(async (trx) => {
      for (const subject of subjects) await sendMail({ ...ctx, db: trx }, { to: "clerk@example.jp", subject, text: "本文" });
      await trx.updateTable("jobs").set({ run_at: due.toISOString() }).where("kind", "=", "mail.send").execute();
    });
    await database.db.transaction().execute(async (gate) => {
      await sql`lock table jobs in exclusive mode`.execute(gate);
      await waitFor(
        "both workers waiting at the gate after the jobs fell due",
        async () => {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks
            where locktype = 'relation' and relation = 'jobs'::regclass and not granted`.execute(database.db);
          return rows[0]!.n >= 2 && Date.now() > due.getTime();
        },
        20,
      );
    });
    const jobs = () =>
      database.db.selectFrom("jobs").select(["status", "attempts", "locked_by"]).where("kind", "=", "mail.send").execute();
    await waitFor("every mail job finished", async () => (await jobs()).every((j) => j.status === "done"), 60);
    await sleep(pollMs * 25); // many more polls of both workers: nothing is sent again
    expect(smtp!.inbox.length).toBe(subjects.length);
    expect(smtp!.inbox.map((m) => m.subject).toSorted()).toEqual(subjects.toSorted());
    const done = await jobs();
    expect(done).toHaveLength(subjects.length);
    expect(done.filter((j) => j.status !== "done" || j.attempts !== 1)).toEqual([]);
    // Both workers took a real share.
    const share = new Map<string | null, number>();
    for (const j of done) share.set(j.locked_by, (share.get(j.locked_by) ?? 0) + 1);
    expect(share.size).toBe(2);
    for (const n of share.values()) expect(n).toBeGreaterThanOrEqual(20);
  }, 90_000);

  it("loses no acknowledged write when one instance is killed during a burst", async () => {
    const browser = await signIn("secretariat@example.jp");
    const acknowledged: { id: string; name: string; by: string | null }[] = [];
    let failed = 0;
    const create = async (i: number) => {
      const name = `負荷試験フォルダ ${i}`;
      try {
        const res = await browser(ports.lb, "/api/document-folders", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ area: "shared", name }),
        });
        const by = res.headers.get("x-served-by");
        if (res.status === 201) acknowledged.push({ id: ((await res.json()) as { id: string }).id, name, by });
        else failed++;
      } catch {
        failed++;
      }
    };
    // 100 creates, four at a time; instance A dies without warning after the first 30 have started.
    const queue = Array.from({ length: 100 }, (_, i) => i);
    const lane = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        if (i === 30) instances.a.kill("SIGKILL");
        await create(i);
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    expect(instances.a.signalCode ?? (await new Promise((r) => instances.a.on("exit", (_c, s) => r(s))))).toBe("SIGKILL");

    // Both instances acknowledged writes, most went through (B took over); every one acknowledged is
    // stored with its audit row.
    expect(new Set(acknowledged.map((a) => a.by))).toEqual(new Set(["a", "b"]));
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    expect(acknowledged.length + failed).toBe(100);
    const ids = acknowledged.map((a) => a.id);
    const rows = await database.db.selectFrom("document_folders").select(["id", "name"]).where("id", "in", ids).execute();
    const key = (r: { id: string; name: string }) => `${r.id} ${r.name}`;
    expect(rows.map(key).toSorted()).toEqual(acknowledged.map(key).toSorted());
    const audits = await database.db
      .selectFrom("audit_log")
      .select("subject_id")
      .where("event", "=", "folder.create")
      .where("subject_id", "in", ids)
      .execute();
    expect(audits.map((a) => a.subject_id).toSorted()).toEqual(ids.toSorted());
    // And the survivor still serves through the balancer.
    expect(await status(ports.lb, "/readyz")).toBe(200);
  }, 40_000);
});
