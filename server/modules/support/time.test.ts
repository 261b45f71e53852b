import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "../../../shared/dates/jst.js";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
let consultationId: string;
let engagementId: string;
let sessionId: string;
const today = jstDate();
const month = today.slice(0, 7);

const entryCount = async () =>
  Number(
    (
      await env.database.db
        .selectFrom("support_time_entries")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  env = await testEnv();
  const town = await env.as("kaminoseki@example.jp");
  consultationId = (await town.post("/api/consultations", { category: "other", subject: "時間記録の相談", body: "本文" })).body
    .id;
  const spec = await env.as("specialist@example.jp");
  const e = await spec.post(`/api/consultations/${consultationId}/support`, {});
  engagementId = e.body.id;
  const s = await spec.post(`/api/support/engagements/${engagementId}/sessions`, {
    date: today,
    mode: "online",
    notes: "初回打合せ",
  });
  expect(s.status).toBe(201);
  sessionId = s.body.sessions[0].id;
});

describe("specialists' time", () => {
  it("records time per consultation and per session, audited, and totals them per specialist and per town", async () => {
    const spec = await env.as("specialist@example.jp");
    const a = await spec.post(`/api/consultations/${consultationId}/time`, { minutes: 30, date: today, note: "電話対応" });
    expect(a.status).toBe(201);
    expect((await lastAudit(env, "support.logTime"))?.subject_id).toBe(consultationId);
    const b = await spec.post(`/api/support/engagements/${engagementId}/sessions/${sessionId}/time`, {
      minutes: 90,
      date: today,
    });
    expect(b.status).toBe(201);
    expect((await lastAudit(env, "support.logTime"))?.subject_id).toBe(sessionId);
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.post(`/api/consultations/${consultationId}/time`, { minutes: 15, date: today })).status).toBe(201);

    const totals = await sec.get(`/api/support/time?month=${month}`);
    expect(totals.status).toBe(200);
    expect(totals.body.byOrg).toEqual([{ orgId: env.demo.orgs["上関町"], name: "上関町", minutes: 135 }]);
    const mine = totals.body.bySpecialist.find((r: { userId: string }) => r.userId === env.demo.users["specialist@example.jp"]);
    expect(mine.minutes).toBe(120);
  });

  it("refuses time ≤ 0, absurd, fractional or undated with a clear 400, and stores nothing", async () => {
    const spec = await env.as("specialist@example.jp");
    const before = await entryCount();
    for (const body of [
      { minutes: 0, date: today },
      { minutes: -30, date: today },
      { minutes: 100_000, date: today },
      { minutes: 1.5, date: today },
      { minutes: 30, date: "2026-02-30" },
      { minutes: 30 },
    ]) {
      const res = await spec.post(`/api/consultations/${consultationId}/time`, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(res.body.error.message).not.toBe("");
    }
    const absurd = await spec.post(`/api/consultations/${consultationId}/time`, { minutes: 100_000, date: today });
    expect(JSON.stringify(absurd.body)).toContain("720分");
    expect((await spec.get("/api/support/time?month=2026-13")).status).toBe(400);
    expect(await entryCount()).toBe(before);
  });

  it("answers 401 signed out, 404 across towns, 403 to the town; nothing stored", async () => {
    const before = await entryCount();
    const body = { minutes: 30, date: today };
    const routes = [
      `/api/consultations/${consultationId}/time`,
      `/api/support/engagements/${engagementId}/sessions/${sessionId}/time`,
    ];
    for (const u of routes) expect((await env.anon.post(u, body)).status).toBe(401);
    expect((await env.anon.get(`/api/support/time?month=${month}`)).status).toBe(401);
    for (const email of ["shunan@example.jp", "observer@example.jp"]) {
      const c = await env.as(email);
      for (const u of routes) expect([email, u, (await c.post(u, body)).status]).toEqual([email, u, 404]);
    }
    const town = await env.as("kaminoseki@example.jp");
    for (const u of routes) expect((await town.post(u, body)).status).toBe(403);
    expect((await town.get(`/api/support/time?month=${month}`)).status).toBe(403);
    const spec = await env.as("specialist@example.jp");
    const wrongSession = await spec.post(`/api/support/engagements/${engagementId}/sessions/${crypto.randomUUID()}/time`, body);
    expect(wrongSession.status).toBe(404);
    expect(await entryCount()).toBe(before);
  });
});
