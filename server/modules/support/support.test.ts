import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
let id: string;
let stepId: string;

beforeAll(async () => {
  env = await testEnv();
  const spec = await env.as("specialist@example.jp");
  const res = await spec.post("/api/support/engagements", {
    orgId: env.demo.orgs.上関町,
    theme: "住民記録システムの標準化移行",
    goals: "フィット＆ギャップ分析を終え、移行計画を作る",
    startDate: "2026-04-01",
    endDate: "2027-03-31",
    status: "active",
    specialistIds: [env.demo.users["specialist@example.jp"]],
  });
  expect(res.status).toBe(201);
  id = res.body.id;
});

describe("support engagements", () => {
  it("creates an engagement with an audit row and tells the town", async () => {
    expect((await lastAudit(env, "support.create"))?.subject_id).toBe(id);
    const kami = await env.as("kaminoseki@example.jp");
    const got = await kami.get(`/api/support/engagements/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ theme: "住民記録システムの標準化移行", org: { name: "上関町" }, progressAvailable: true });
    expect(got.body.abilities).toMatchObject({ canEdit: false, canLogSession: false, canComment: true, canUpdateSteps: true });
    const inbox = await kami.get("/api/notifications");
    expect(inbox.body.items.some((n: { link: string }) => n.link === `/support/${id}`)).toBe(true);
  });

  it("logs a session with next steps; the town ticks its own step off and comments", async () => {
    const spec = await env.as("specialist@example.jp");
    const logged = await spec.post(`/api/support/engagements/${id}/sessions`, {
      date: "2026-05-12",
      mode: "on_site",
      participants: "上関町 住民課 2名、県 専門人材 1名",
      notes: "比較表の読み方を確認した。",
      nextSteps: [
        { title: "実装必須機能の差異を一覧にする", owner: "上関町", dueDate: "2026-05-29" },
        { title: "ベンダーへ確認事項を送る", owner: "県 専門人材", dueDate: null },
      ],
    });
    expect(logged.status).toBe(201);
    expect(logged.body.sessions).toHaveLength(1);
    expect(logged.body.nextSteps).toHaveLength(2);
    expect((await lastAudit(env, "support.logSession"))?.subject_id).toBe(id);
    stepId = logged.body.nextSteps.find((s: { owner: string }) => s.owner === "上関町").id;

    const kami = await env.as("kaminoseki@example.jp");
    const done = await kami.patch(`/api/support/engagements/${id}/steps/${stepId}`, { done: true });
    expect(done.status).toBe(200);
    expect(done.body.nextSteps.find((s: { id: string }) => s.id === stepId).doneAt).not.toBeNull();
    expect((await lastAudit(env, "support.updateStep"))?.changes).toContain(stepId);
    // The town may tick steps off but not rewrite them.
    expect((await kami.patch(`/api/support/engagements/${id}/steps/${stepId}`, { title: "x" })).status).toBe(403);
    const commented = await kami.post(`/api/support/engagements/${id}/comments`, { body: "一覧を共有フォルダに置きました。" });
    expect(commented.status).toBe(201);
    expect(commented.body.comments[0]).toMatchObject({ body: "一覧を共有フォルダに置きました。", author: { orgName: "上関町" } });
    const specInbox = await spec.get("/api/notifications");
    expect(specInbox.body.items.some((n: { title: string }) => n.title.startsWith("伴走支援にコメント"))).toBe(true);
  });

  it("is the town's and the prefecture's only: 401 signed out, 404 to other towns and observers", async () => {
    const routes = [
      { m: "get", u: `/api/support/engagements/${id}` },
      { m: "patch", u: `/api/support/engagements/${id}`, b: { theme: "x" } },
      { m: "post", u: `/api/support/engagements/${id}/sessions`, b: { date: "2026-06-01", mode: "online", notes: "x" } },
      { m: "post", u: `/api/support/engagements/${id}/steps`, b: { title: "x", owner: "y" } },
      { m: "patch", u: `/api/support/engagements/${id}/steps/${stepId}`, b: { done: false } },
      { m: "post", u: `/api/support/engagements/${id}/comments`, b: { body: "x" } },
    ];
    for (const r of routes) expect([r.u, (await (env.anon as any)[r.m](r.u, r.b)).status]).toEqual([r.u, 401]);
    for (const email of ["shunan@example.jp", "observer@example.jp"]) {
      const c = await env.as(email);
      for (const r of routes) {
        const res = await (c as any)[r.m](r.u, r.b);
        expect([email, r.u, res.status]).toEqual([email, r.u, 404]);
      }
    }
    const shunan = await env.as("shunan@example.jp");
    expect((await shunan.get("/api/support/engagements")).body.items).toEqual([]);
    expect((await shunan.get(`/api/support/engagements?orgId=${env.demo.orgs.上関町}`)).body.items).toEqual([]);
    expect((await (await env.as("observer@example.jp")).get("/api/support/engagements")).status).toBe(403);
    expect((await env.anon.get("/api/support/engagements")).status).toBe(401);
    expect(
      (await env.anon.post("/api/support/engagements", { orgId: env.demo.orgs.上関町, theme: "x", startDate: "2026-04-01" }))
        .status,
    ).toBe(401);
  });

  it("answers 403 to the town for staff actions, and 400 for bad input", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.patch(`/api/support/engagements/${id}`, { theme: "x" })).status).toBe(403);
    expect(
      (await kami.post(`/api/support/engagements/${id}/sessions`, { date: "2026-06-01", mode: "online", notes: "x" })).status,
    ).toBe(403);
    expect(
      (await kami.post("/api/support/engagements", { orgId: env.demo.orgs.上関町, theme: "x", startDate: "2026-04-01" })).status,
    ).toBe(403);
    const spec = await env.as("specialist@example.jp");
    const notStaff = await spec.patch(`/api/support/engagements/${id}`, {
      specialistIds: [env.demo.users["kaminoseki@example.jp"]],
    });
    expect(notStaff.status).toBe(400);
    expect(notStaff.body.error.details.issues[0].path).toBe("specialistIds");
    const reversed = await spec.patch(`/api/support/engagements/${id}`, { endDate: "2026-01-01" });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details.issues[0].path).toBe("endDate");
    const noNotes = await spec.post(`/api/support/engagements/${id}/sessions`, { date: "2026-06-01", mode: "online", notes: "" });
    expect(noNotes.status).toBe(400);
    const pref = await spec.post("/api/support/engagements", {
      orgId: env.demo.orgs.山口県,
      theme: "x",
      startDate: "2026-04-01",
    });
    expect(pref.status).toBe(400);
    expect((await spec.get(`/api/support/engagements/${id}`)).body.sessions).toHaveLength(1);
  });

  it("updates with an audit row and shows the specialist's workload to staff only", async () => {
    const spec = await env.as("specialist@example.jp");
    const up = await spec.patch(`/api/support/engagements/${id}`, { outcome: "移行計画を策定した" });
    expect(up.body.outcome).toBe("移行計画を策定した");
    expect((await lastAudit(env, "support.update"))?.changes).toContain("移行計画を策定した");
    const added = await spec.post(`/api/support/engagements/${id}/steps`, {
      title: "移行リハーサル",
      owner: "上関町",
      dueDate: "2020-01-01",
    });
    expect(added.status).toBe(201);
    expect(added.body.nextSteps.find((s: { title: string }) => s.title === "移行リハーサル").overdue).toBe(true);
    const w = await spec.get("/api/support/workload");
    expect(w.status).toBe(200);
    const me = w.body.items.find((r: { user: { id: string } }) => r.user.id === env.demo.users["specialist@example.jp"]);
    expect(me).toMatchObject({ activeEngagements: 1, openSteps: 2, overdueSteps: 1 });
    expect((await spec.get("/api/support/engagements?specialistId=me")).body.items).toHaveLength(1);
    expect((await (await env.as("kaminoseki@example.jp")).get("/api/support/workload")).status).toBe(403);
    expect((await env.anon.get("/api/support/workload")).status).toBe(401);
  });
});

describe("links to progress items", () => {
  it("links the town's progress items and shows their programme and percentage; unknown items are a field error", async () => {
    const item = await env.database.db
      .selectFrom("progress_items as i")
      .innerJoin("progress_programmes as p", "p.id", "i.programme_id")
      .select(["i.id", "i.name", "p.name as programme"])
      .orderBy("p.sort_order")
      .orderBy("i.sort_order")
      .executeTakeFirstOrThrow();
    const spec = await env.as("specialist@example.jp");
    const linked = await spec.patch(`/api/support/engagements/${id}`, { progressItemIds: [item.id] });
    expect(linked.status).toBe(200);
    expect(linked.body.progressItems).toEqual([
      { id: item.id, name: item.name, programme: item.programme, pct: expect.anything() },
    ]);
    const bad = await spec.patch(`/api/support/engagements/${id}`, { progressItemIds: [crypto.randomUUID()] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe("progressItemIds");
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.get(`/api/support/engagements/${id}`)).body.progressItems).toHaveLength(1);
  });
});
