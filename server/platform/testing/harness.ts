import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../../app.js";
import type { Config } from "../../config.js";
import { type DemoCouncil, seedDemo } from "../../modules/demo/seed.js";
import type { Ctx } from "../context.js";
import { type Database, migrateToLatest, openDatabase } from "../db/database.js";
import type { App } from "../http/types.js";
import { startWorker, type Worker } from "../jobs/worker.js";
import { atFileEnd } from "./cleanups.js";
import { testConfig } from "./config.js";
import { scratchPostgres } from "./scratch-postgres.js";
import { seededTemplate } from "./template.js";

export const DEMO_PASSWORD = "Demo-Password-2026";
export const engine = (process.env.TEST_ENGINE ?? "sqlite") as "sqlite" | "postgres";

export interface TestEnv {
  app: App;
  database: Database;
  config: Config;
  demo: DemoCouncil;
  /** A context with no actor (the system), for factories and direct assertions. */
  ctx: Ctx;
  worker: Worker;
  /** Signs in through the real login route (once per e-mail) and returns a client sending the cookie and CSRF token. */
  as(email: string): Promise<Client>;
  anon: Client;
}

export interface Client {
  get(url: string): Promise<Res>;
  post(url: string, body?: unknown): Promise<Res>;
  patch(url: string, body?: unknown): Promise<Res>;
  put(url: string, body?: unknown): Promise<Res>;
  delete(url: string): Promise<Res>;
  /** POSTs multipart/form-data as a browser form does: the text fields, then each file under "file". */
  postForm(url: string, fields?: Record<string, string>, files?: FormFile[]): Promise<Res>;
  cookie: string;
  csrf: string;
}

export interface FormFile {
  name: string;
  data: Buffer | string;
  /** Content-Type of the part; the server checks the bytes anyway. */
  type?: string;
}

export interface Res {
  status: number;
  body: any;
  text: string;
  headers: Record<string, unknown>;
}

/** A hand-built multipart/form-data body (fields, then files), as a browser sends it. */
export function multipartBody(fields: Record<string, string>, files: FormFile[]) {
  const boundary = `----renkei${crypto.randomUUID().replaceAll("-", "")}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data),
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A fresh PostgreSQL database per test file, on the server TEST_DATABASE_URL points to (a copy of `template`). */
function freshPostgres(template?: string) {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set: run the tests through `npm test`, which starts PostgreSQL.");
  return scratchPostgres(base, "renkei_t", template);
}

/**
 * Builds the real app on a migrated, demo-seeded database (SQLite file or PostgreSQL) of its own, per test
 * file: a copy of the worker's seeded template (template.ts), or seeded here under fake timers.
 */
export async function testEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-test-"));
  const template = await seededTemplate(engine === "postgres" ? process.env.TEST_DATABASE_URL : undefined, DEMO_PASSWORD);
  if (template && engine === "sqlite") fs.cpSync(template.dir, dataDir, { recursive: true });
  const pgdb = engine === "postgres" ? await freshPostgres(template?.postgres?.name) : null;
  const config = testConfig({ DATA_DIR: dataDir, DATABASE_URL: pgdb?.url, ...overrides });
  const database = openDatabase(config);
  const ctx: Ctx = { db: database.db, engine: database.engine, config, actor: null, ip: null, userAgent: null };
  let demo: DemoCouncil;
  if (template) demo = structuredClone(template.demo);
  else {
    await migrateToLatest(database.db);
    demo = await seedDemo(ctx, { password: DEMO_PASSWORD });
  }
  const app = await buildApp({ config, database });
  await app.ready();
  const worker = startWorker(database, config, app.log, { autoStart: false });

  // testEnv() runs inside beforeAll, where a new afterAll would be ignored: the file's own hook closes it.
  atFileEnd(async () => {
    await app.close();
    await database.close();
    await pgdb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const client = (cookie: string, csrf: string): Client => {
    const send = async (method: string, url: string, payload?: string | Buffer, contentType?: string): Promise<Res> => {
      const res = await app.inject({
        method: method as "GET",
        url,
        headers: {
          cookie,
          ...(csrf ? { "x-csrf-token": csrf } : {}),
          ...(contentType ? { "content-type": contentType } : {}),
        },
        payload,
      });
      let parsed: unknown = null;
      try {
        parsed = res.json();
      } catch {}
      return { status: res.statusCode, body: parsed, text: res.body, headers: res.headers };
    };
    const json = (method: string, url: string, body: unknown) => send(method, url, JSON.stringify(body), "application/json");
    return {
      cookie,
      csrf,
      get: (u) => send("GET", u),
      post: (u, b) => json("POST", u, b ?? {}),
      patch: (u, b) => json("PATCH", u, b ?? {}),
      put: (u, b) => json("PUT", u, b ?? {}),
      delete: (u) => send("DELETE", u),
      postForm: (u, fields = {}, files = []) => {
        const { payload, contentType } = multipartBody(fields, files);
        return send("POST", u, payload, contentType);
      },
    };
  };

  const clients = new Map<string, Client>();
  const as = async (email: string) => {
    const known = clients.get(email);
    if (known) return known;
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: DEMO_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
    const cookies = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const c = client(cookies, res.json().csrfToken);
    clients.set(email, c);
    return c;
  };

  return { app, database, config, demo, ctx, worker, as, anon: client("", "") };
}

/** How many accounts there are (a refused sign-in or a dry-run import must create none). */
export const userCount = async (env: TestEnv) =>
  Number(
    (
      await env.database.db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The newest audit row for an event, for "the mutation wrote its audit row" assertions. */
export async function lastAudit(env: TestEnv, event: string) {
  return env.database.db
    .selectFrom("audit_log")
    .selectAll()
    .where("event", "=", event)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The audit trail's position now: `auditSince(env, mark, …)` then sees only the rows the action under test wrote. */
export async function auditMark(env: TestEnv): Promise<number> {
  const r = await env.database.db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .executeTakeFirst();
  return Number(r?.seq ?? 0);
}

/** The audit rows of an event written after `mark`, oldest first, as { actor, subject, changes } for exact assertions. */
export async function auditSince(env: TestEnv, mark: number, event: string) {
  const rows = await env.database.db
    .selectFrom("audit_log")
    .selectAll()
    .where("event", "=", event)
    .where("seq", ">", mark)
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({
    actor: r.actor_user_id,
    subject: { type: r.subject_type, id: r.subject_id },
    changes: r.changes ? JSON.parse(r.changes) : null,
  }));
}
