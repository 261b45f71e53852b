import os from "node:os";
import { Writable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { minimalPdf } from "../modules/documents/test-files.js";
import { type TestEnv, testEnv } from "../platform/testing/harness.js";

/** Finding 3: no caching of signed-in answers, no secrets in logs, no e-mail links for administrators. */
let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("Cache-Control", () => {
  it("is no-store on signed-in JSON, private downloads, exports and the calendar feed", async () => {
    const abu = await env.as("abu@example.jp");
    const filed = await abu.postForm("/api/consultations", { category: "other", subject: "キャッシュ確認", body: "本文" }, [
      { name: "a.pdf", type: "application/pdf", data: minimalPdf("cache") },
    ]);
    expect(filed.status).toBe(201);
    const attachment = JSON.stringify(filed.body).match(/"id":"([0-9a-f-]{36})","name":"a\.pdf"/)![1];
    const feed = await abu.post("/api/calendar/feed");
    expect(feed.status).toBe(201);
    const responses = [
      await abu.get("/api/me"),
      await abu.get("/api/consultations"),
      await abu.get(`/api/consultations/${filed.body.id}/attachments/${attachment}`),
      await abu.get("/api/consultations/export?format=csv"),
      await env.anon.get(`/api/calendar/feed/${feed.body.token}.ics`),
      await env.anon.get("/api/me"),
    ];
    for (const r of responses) expect(r.headers["cache-control"], `${r.status} ${r.text.slice(0, 80)}`).toBe("no-store");
    expect(responses[2]!.status).toBe(200);
    expect(responses[4]!.status).toBe(200);
  });
});

/** The app at log level info, its log lines gathered. */
async function appWithLogLines() {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({ config: { ...env.config, logLevel: "info" }, database: env.database, logStream });
  return { lines, app };
}

describe("logs", () => {
  it("never contain the calendar-feed token or an e-mail link token", async () => {
    const { lines, app } = await appWithLogLines();
    await app.ready();
    const abu = await env.as("abu@example.jp");
    const token = (await abu.post("/api/calendar/feed")).body.token as string;
    const secretLink = "Zx9SecretInvitationTokenValue_abcdefghijkl";
    expect((await app.inject({ method: "GET", url: `/api/calendar/feed/${token}.ics` })).statusCode).toBe(200);
    await app.inject({ method: "GET", url: `/api/auth/invitation/${secretLink}` });
    await app.inject({ method: "GET", url: `/api/search?q=x&token=${secretLink}` });
    await app.close();
    const log = lines.join("");
    expect(log).toContain("/api/calendar/feed/[redacted]");
    expect(log).toContain("/api/auth/invitation/[redacted]");
    expect(log).not.toContain(token);
    expect(log).not.toContain(secretLink);
  });

  it("hold one JSON line per request in pino's shape, the client's strings escaped", async () => {
    const { lines, app } = await appWithLogLines();
    const res = await app.inject({ url: "/api/me?x=%22q%22&%C3%BC=1", headers: { "x-request-id": 'id-"with"-quotes' } });
    await app.close();
    const requestLines = lines.filter((l) => l.includes('"request completed"'));
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]!.endsWith("}\n")).toBe(true);
    const entry = JSON.parse(requestLines[0]!);
    expect(entry).toMatchObject({
      level: 30,
      pid: process.pid,
      hostname: os.hostname(),
      reqId: 'id-"with"-quotes',
      req: { method: "GET", url: "/api/me?x=%22q%22&%C3%BC=1", remoteAddress: "127.0.0.1" },
      res: { statusCode: 401 },
      msg: "request completed",
    });
    expect(res.statusCode).toBe(401);
    expect(Math.abs(entry.time - Date.now())).toBeLessThan(60_000);
    expect(entry.responseTime).toBeGreaterThan(0);
  });
});

describe("e-mail links and administrators", () => {
  it("the outbox shows an administrator that an invitation or reset mail is held, never its link", async () => {
    const admin = await env.as("admin@example.jp");
    const invited = await admin.post("/api/users", {
      email: "held-invite@example.jp",
      name: "保留 花子",
      role: "municipal",
      orgId: env.demo.orgs["萩市"],
    });
    expect(invited.status).toBe(201);
    await env.anon.post("/api/auth/password-reset", { email: "hagi@example.jp" });
    const stored = await env.database.db
      .selectFrom("mail_outbox")
      .select(["to_address", "text"])
      .where("to_address", "in", ["held-invite@example.jp", "hagi@example.jp"])
      .execute();
    const tokens = stored.map((m) => m.text.match(/\/(?:invitation|reset-password)\/([A-Za-z0-9_-]+)/)![1]!);
    expect(tokens).toHaveLength(2);
    const outbox = await admin.get("/api/mail/outbox?limit=100");
    expect(outbox.status).toBe(200);
    const mine = outbox.body.items.filter((m: { to: string }) => ["held-invite@example.jp", "hagi@example.jp"].includes(m.to));
    expect(mine).toHaveLength(2);
    for (const m of mine) {
      expect(m.status).toBe("held");
      expect(m.text).toContain("宛先の本人だけが開けるため表示しません");
    }
    for (const t of tokens) expect(outbox.text).not.toContain(t);
  });
});
