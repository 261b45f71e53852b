import net from "node:net";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { sessionsFromMemory } from "../auth/session.js";
import { settledMark } from "../testing/change-mark.js";
import { engine, type TestEnv, testEnv } from "../testing/harness.js";
import { LISTENER_NAME } from "./change-listener.js";
import { type Database, openDatabase } from "./database.js";

// Database.changeMark: a signed-in request answers its session from memory while the mark is unchanged.
// The mark must move at every change to what the session statement reads (sessions, users, orgs and the
// cache counters), made by this instance or any other, and nothing may be served from memory when the
// engine cannot tell (PostgreSQL's listening connection lost, or the triggers that notify it missing).
let env: TestEnv;
let other: Database;
beforeAll(async () => {
  env = await testEnv();
  other = openDatabase(env.config);
  return () => other.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for the mark to move from `before` (a commit elsewhere counts on PostgreSQL when its notification arrives). */
async function moved(database: Database, before: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const mark = database.changeMark?.();
    if (mark !== undefined && mark !== before) return mark;
    await sleep(10);
  }
  throw new Error("the change mark did not move within 2 s");
}
/** The mark once it has stayed the same for 100 ms: the notifications of earlier writes have come back. */
async function steady(database: Database): Promise<string> {
  let mark = await settledMark(database);
  for (let still = 0; still < 10; still++) {
    await sleep(10);
    const now = await settledMark(database);
    if (now !== mark) [mark, still] = [now, -1];
  }
  return mark;
}
/**
 * A TCP proxy to PostgreSQL that passes everything but the server's notifications (message type 'A'), as a
 * pooler in transaction mode effectively does: queries are answered, LISTEN is accepted, nothing is heard.
 */
async function notificationSwallowingProxy(databaseUrl: string) {
  const target = new URL(databaseUrl);
  let swallowed = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    let pending = Buffer.alloc(0);
    upstream.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      const out: Buffer[] = [];
      while (pending.length >= 5) {
        const size = 1 + pending.readInt32BE(1);
        if (pending.length < size) break;
        if (pending[0] === 0x41) swallowed++;
        else out.push(pending.subarray(0, size));
        pending = pending.subarray(size);
      }
      if (out.length) client.write(Buffer.concat(out));
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = new URL(databaseUrl);
  url.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url: url.toString(),
    swallowed: () => swallowed,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** The statements `database` runs while `run` runs. */
async function statementsDuring(database: Database, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const observer = (_k: unknown, _s: number, _f: boolean, text: string) => void seen.push(text);
  database.observers.add(observer);
  try {
    await run();
  } finally {
    database.observers.delete(observer);
  }
  return seen;
}

describe(`the change mark on ${engine}`, () => {
  it("stays while only reads happen, and moves at a commit elsewhere to users, orgs or a cached table", async () => {
    const mark = await settledMark(env.database);
    await env.database.db.selectFrom("users").select("name").execute();
    await other.db.selectFrom("sessions").select("id").execute();
    await sleep(50);
    expect(env.database.changeMark!()).toBe(mark);

    await other.db.updateTable("users").set({ name: "名前変更" }).where("email", "=", "abu@example.jp").execute();
    const afterUser = await moved(env.database, mark);
    await other.db.updateTable("orgs").set({ kana: sql`kana` }).where("id", "=", env.demo.orgs["阿武町"]!).execute();
    const afterOrg = await moved(env.database, afterUser);
    // A write to a table behind a cached list raises its counter in cache_versions (migration 0950), which notifies.
    await other.db.updateTable("bodies").set({ name: sql`name` }).execute();
    await moved(env.database, afterOrg);
  });

  it("moves at once at a write of its own, before any notification could come back", async () => {
    const mark = await settledMark(env.database);
    await env.database.db.updateTable("users").set({ name: sql`name` }).where("email", "=", "abu@example.jp").execute();
    expect(env.database.changeMark!()).not.toBe(mark);
  });

  it("stays through the job worker's polls while no job is due (the recurring ones already queued)", async () => {
    await env.worker.runOnce(); // queues the recurring jobs' next runs, and runs what is due
    const mark = await steady(env.database);
    for (let i = 0; i < 3; i++) expect(await env.worker.runOnce()).toBe(0);
    await sleep(50);
    expect(env.database.changeMark!()).toBe(mark);
  });

  it("lets a signed-in GET take its session from memory while nothing changed; a request that changes something reads it", async () => {
    const clerk = await env.as("abu@example.jp");
    await steady(env.database);
    expect((await clerk.get("/api/me")).status).toBe(200);
    const before = sessionsFromMemory();
    expect((await clerk.get("/api/me")).status).toBe(200);
    expect(sessionsFromMemory()).toBe(before + 1);
    const writing = await statementsDuring(env.database, () => clerk.patch("/api/me", { locale: "ja" }));
    expect(sessionsFromMemory()).toBe(before + 1);
    expect(writing.some((s) => /from "sessions"/.test(s))).toBe(true);
  });

  if (engine === "postgres") {
    it("is absent while the listening connection is lost, then comes back as a mark never seen before", async () => {
      const mark = await settledMark(env.database);
      const killed = await sql<{ ok: boolean }>`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
        WHERE application_name = ${LISTENER_NAME} AND datname = current_database()`.execute(other.db);
      expect(killed.rows.length).toBeGreaterThan(0);
      for (let i = 0; i < 200 && env.database.changeMark!() !== undefined; i++) await sleep(10);
      expect(env.database.changeMark!()).toBeUndefined();
      // Unheard while it was down: the mark it comes back with differs from every earlier one.
      await other.db.updateTable("users").set({ name: sql`name` }).where("email", "=", "abu@example.jp").execute();
      const clerk = await env.as("abu@example.jp");
      const before = sessionsFromMemory();
      expect((await clerk.get("/api/me")).status).toBe(200);
      expect(sessionsFromMemory()).toBe(before);
      expect(await settledMark(env.database)).not.toBe(mark);
    });

    it("is never given while a trigger that notifies is disabled", async () => {
      await sql`ALTER TABLE users DISABLE TRIGGER users_notify_change`.execute(env.database.db);
      const third = openDatabase(env.config);
      try {
        for (let i = 0; i < 50; i++) {
          expect(third.changeMark!()).toBeUndefined();
          await sleep(10);
        }
      } finally {
        await third.close();
        await sql`ALTER TABLE users ENABLE TRIGGER users_notify_change`.execute(env.database.db);
      }
    });

    it("is never given when notifications do not reach it, as behind a pooler in transaction mode", async () => {
      const proxy = await notificationSwallowingProxy(env.config.databaseUrl!);
      const behind = openDatabase({ ...env.config, databaseUrl: proxy.url });
      try {
        // Queries pass (the triggers are found), the probe's notification never comes back.
        expect((await behind.db.selectFrom("orgs").select("id").limit(1).execute()).length).toBe(1);
        for (let i = 0; i < 100; i++) {
          expect(behind.changeMark!()).toBeUndefined();
          await sleep(10);
        }
        expect(proxy.swallowed()).toBeGreaterThan(0);
      } finally {
        await behind.close();
        await proxy.close();
      }
    });
  } else
    it("is the file's own: every connection's commit counts from the event loop's next turn", async () => {
      const mark = await settledMark(env.database);
      await other.db.updateTable("users").set({ name: sql`name` }).where("email", "=", "abu@example.jp").execute();
      await new Promise(setImmediate);
      expect(env.database.changeMark!()).not.toBe(mark);
    });
});
