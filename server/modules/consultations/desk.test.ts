import { beforeAll, describe, expect, it } from "vitest";
import { addBusinessDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { sendMonthlyReport, sweepServiceLevels } from "./alerts.js";
import { refreshClock } from "./clock.js";

let env: TestEnv;
const file = async (email: string, subject: string, urgency = "normal") => {
  const c = await env.as(email);
  const res = await c.post("/api/consultations", { category: "rpa_ocr", subject, body: `${subject}の詳細`, urgency });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

beforeAll(async () => {
  env = await testEnv();
});

describe("the desk: thread, statuses and the clock", () => {
  it("asks back (clock paused), reopens on the town's reply, resolves and closes", async () => {
    const id = await file("kaminoseki@example.jp", "AI-OCRの読取精度について");
    const spec = await env.as("specialist@example.jp");
    const kami = await env.as("kaminoseki@example.jp");

    const asked = await spec.post(`/api/consultations/${id}/messages`, {
      body: "帳票の種類を教えてください。",
      status: "waiting",
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: "waiting", assignee: { id: env.demo.users["specialist@example.jp"] } });
    expect(asked.body.firstResponse.state).toBe("met");
    expect(asked.body.resolution.state).toBe("paused");
    expect((await lastAudit(env, "consultation.reply"))?.changes).toContain("waiting");
    const kamiInbox = await kami.get("/api/notifications");
    expect(kamiInbox.body.items.some((n: { title: string }) => n.title.includes("回答がありました"))).toBe(true);

    const queuePaused = await spec.get("/api/consultations?due=paused");
    expect(queuePaused.body.items.map((i: { id: string }) => i.id)).toContain(id);

    const replied = await kami.post(`/api/consultations/${id}/messages`, { body: "申請書と届出書の2種類です。" });
    expect(replied.body.status).toBe("in_progress");
    expect(replied.body.resolution.state).not.toBe("paused");
    const specInbox = await spec.get("/api/notifications");
    expect(specInbox.body.items.some((n: { title: string }) => n.title.includes("返信がありました"))).toBe(true);

    const resolved = await spec.post(`/api/consultations/${id}/messages`, {
      body: "設定例を添付の通りです。",
      status: "resolved",
    });
    expect(resolved.body.status).toBe("resolved");
    expect(resolved.body.resolution.state).toBe("met");
    expect(resolved.body.abilities.canMakeFaq).toBe(true);

    const reopened = await kami.post(`/api/consultations/${id}/messages`, { body: "もう一点だけ質問です。" });
    expect(reopened.body.status).toBe("in_progress");
    const closed = await kami.post(`/api/consultations/${id}/status`, { status: "closed" });
    expect(closed.body.status).toBe("closed");
    expect((await lastAudit(env, "consultation.status"))?.changes).toContain("closed");

    const late = await kami.post(`/api/consultations/${id}/messages`, { body: "追加の質問です。" });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain("新しい相談");
    const thread = (await kami.get(`/api/consultations/${id}`)).body.messages;
    expect(thread.some((m: { body: string }) => m.body === "追加の質問です。")).toBe(false);
  });

  it("uses the urgency's targets for the due dates shown in the queue", async () => {
    const id = await file("abu@example.jp", "至急：RPAが止まった", "high");
    const sec = await env.as("secretariat@example.jp");
    const item = (await sec.get("/api/consultations?status=new&sort=newest")).body.items.find((i: { id: string }) => i.id === id);
    const today = jstDate();
    expect(item.firstResponse).toMatchObject({ target: 1, due: addBusinessDays(today, 1) });
    expect(item.resolution).toMatchObject({ target: 5, due: addBusinessDays(today, 5) });
    const filtered = await sec.get(
      `/api/consultations?category=rpa_ocr&orgId=${env.demo.orgs.阿武町}&assigneeId=none&status=open`,
    );
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const all = (await sec.get("/api/consultations?status=all")).body.total;
    expect(all).toBe((await sec.get("/api/consultations")).body.total);
    expect(all).toBeGreaterThan(0);
    const byWord = await sec.get(`/api/consultations?q=${encodeURIComponent("RPAが止")}`);
    expect(byWord.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await sec.get(`/api/consultations?q=${encodeURIComponent("100%_")}`)).body.items).toEqual([]);
  });
});

describe("editing a consultation", () => {
  it("lets the filer edit while it is new, staff any time (with audit), and nobody after that (403)", async () => {
    const id = await file("kaminoseki@example.jp", "電子申請の様式について");
    const kami = await env.as("kaminoseki@example.jp");
    const edited = await kami.patch(`/api/consultations/${id}`, { subject: "電子申請の様式について（補足）" });
    expect(edited.body.subject).toBe("電子申請の様式について（補足）");
    expect(JSON.parse((await lastAudit(env, "consultation.update"))!.changes!)).toEqual({
      subject: ["電子申請の様式について", "電子申請の様式について（補足）"],
    });
    const spec = await env.as("specialist@example.jp");
    await spec.post(`/api/consultations/${id}/messages`, { body: "確認します。" });
    expect((await kami.patch(`/api/consultations/${id}`, { subject: "x" })).status).toBe(403);
    const recat = await spec.patch(`/api/consultations/${id}`, { category: "online", urgency: "high" });
    expect(recat.body).toMatchObject({ category: "online", urgency: "high", resolution: { target: 5 } });
    const bad = await spec.patch(`/api/consultations/${id}`, { subject: " " });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe("subject");
  });

  it("answers 401 to a signed-out filing and to template changes", async () => {
    expect((await env.anon.post("/api/consultations", { category: "other", subject: "x", body: "y" })).status).toBe(401);
    const id = crypto.randomUUID();
    expect((await env.anon.post("/api/consultation-templates", { title: "x", body: "y" })).status).toBe(401);
    expect((await env.anon.put(`/api/consultation-templates/${id}`, { title: "x", body: "y" })).status).toBe(401);
    expect((await env.anon.delete(`/api/consultation-templates/${id}`)).status).toBe(401);
    expect((await (await env.as("abu@example.jp")).delete(`/api/consultation-templates/${id}`)).status).toBe(403);
  });
});

describe("assignment and merge", () => {
  it("assigns to prefecture staff and refuses anyone else with a clear 400", async () => {
    const id = await file("mine@example.jp", "庁内LANの分離について");
    const sec = await env.as("secretariat@example.jp");
    const bad = await sec.post(`/api/consultations/${id}/assign`, { assigneeId: env.demo.users["mine@example.jp"] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("県の職員");
    expect(bad.body.error.details.issues[0].path).toBe("assigneeId");
    expect(
      (await sec.post(`/api/consultations/${id}/assign`, { assigneeId: env.demo.users["observer@example.jp"] })).status,
    ).toBe(400);
    const ok = await sec.post(`/api/consultations/${id}/assign`, { assigneeId: env.demo.users["specialist@example.jp"] });
    expect(ok.body.assignee.id).toBe(env.demo.users["specialist@example.jp"]);
    expect((await lastAudit(env, "consultation.assign"))?.subject_id).toBe(id);
    const spec = await env.as("specialist@example.jp");
    expect((await spec.get("/api/consultations?assigneeId=me")).body.items.map((i: { id: string }) => i.id)).toContain(id);
    const staff = await spec.get("/api/consultations/staff");
    expect(
      staff.body.items.find((s: { id: string }) => s.id === env.demo.users["specialist@example.jp"]).openCount,
    ).toBeGreaterThan(0);
  });

  it("merges a duplicate of the same town, and refuses another town's consultation", async () => {
    const a = await file("yamaguchi@example.jp", "電子申請の決済手数料");
    const b = await file("yamaguchi2@example.jp", "電子申請の決済手数料（重複）");
    const other = await file("shunan@example.jp", "電子申請の決済手数料について");
    const sec = await env.as("secretariat@example.jp");
    const cross = await sec.post(`/api/consultations/${b}/merge`, { targetId: other });
    expect(cross.status).toBe(400);
    expect(cross.body.error.message).toContain("同じ団体");
    expect((await sec.post(`/api/consultations/${b}/merge`, { targetId: b })).status).toBe(400);
    const merged = await sec.post(`/api/consultations/${b}/merge`, { targetId: a });
    expect(merged.status).toBe(200);
    expect(merged.body.merged).toEqual([{ id: b, subject: "電子申請の決済手数料（重複）" }]);
    const dup = (await sec.get(`/api/consultations/${b}`)).body;
    expect(dup).toMatchObject({ status: "closed", mergedIntoId: a });
    expect(dup.abilities.canReply).toBe(false);
    expect((await lastAudit(env, "consultation.merge"))?.changes).toContain(a);
  });
});

describe("reply templates", () => {
  it("are for prefecture staff only, with audit rows", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.get("/api/consultation-templates")).status).toBe(403);
    expect((await kami.post("/api/consultation-templates", { title: "x", body: "y" })).status).toBe(403);
    expect((await env.anon.get("/api/consultation-templates")).status).toBe(401);
    const spec = await env.as("specialist@example.jp");
    const created = await spec.post("/api/consultation-templates", {
      title: "受付のご連絡",
      body: "ご相談ありがとうございます。",
      category: null,
    });
    expect(created.status).toBe(201);
    expect((await lastAudit(env, "consultationTemplate.create"))?.subject_id).toBe(created.body.id);
    expect((await kami.put(`/api/consultation-templates/${created.body.id}`, { title: "x", body: "y" })).status).toBe(403);
    const updated = await spec.put(`/api/consultation-templates/${created.body.id}`, {
      title: "受付のご連絡（改）",
      body: "ご相談ありがとうございます。",
      category: "other",
    });
    expect(updated.body.title).toBe("受付のご連絡（改）");
    expect((await spec.get("/api/consultation-templates")).body.items).toHaveLength(1);
    expect((await spec.delete(`/api/consultation-templates/${created.body.id}`)).status).toBe(200);
    expect((await lastAudit(env, "consultationTemplate.delete"))?.subject_id).toBe(created.body.id);
    expect((await spec.delete(`/api/consultation-templates/${created.body.id}`)).status).toBe(404);
  });
});

describe("service-level warnings and the monthly report", () => {
  it("warns the assignee before a target is missed and the secretariat once it is", async () => {
    const soon = await file("hagi@example.jp", "マイナポータル連携の設定");
    const late = await file("hagi@example.jp", "標準準拠システムの移行日程");
    const spec = await env.as("specialist@example.jp");
    await spec.post(`/api/consultations/${soon}/assign`, { assigneeId: env.demo.users["specialist@example.jp"] });
    // Backdate: "soon" was filed one business day ago (first response due tomorrow), "late" three.
    const today = jstDate();
    const backdate = async (id: string, days: number) => {
      const at = `${addBusinessDays(today, -days)}T01:00:00.000Z`;
      await env.database.db.updateTable("consultations").set({ created_at: at }).where("id", "=", id).execute();
      const row = await env.database.db.selectFrom("consultations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      await refreshClock(env.ctx, row);
    };
    await backdate(soon, 1);
    await backdate(late, 3);
    // Run as if on a business day, so the test does not depend on the weekday it runs.
    const businessNow = new Date(`${addBusinessDays(addBusinessDays(today, -1), 1)}T03:00:00Z`);
    const first = await sweepServiceLevels(env.ctx, businessNow);
    expect(first.warned).toBeGreaterThanOrEqual(1);
    expect(first.missed).toBeGreaterThanOrEqual(1);
    const again = await sweepServiceLevels(env.ctx, businessNow);
    expect(again).toEqual({ warned: 0, missed: 0 });
    const specInbox = (await spec.get("/api/notifications")).body.items.map((n: { title: string }) => n.title);
    expect(specInbox).toContain("初回回答の期限が近づいています：マイナポータル連携の設定");
    const sec = await env.as("secretariat@example.jp");
    const secInbox = (await sec.get("/api/notifications")).body.items.map((n: { title: string }) => n.title);
    expect(secInbox).toContain("初回回答の期限を過ぎました：標準準拠システムの移行日程");
    const hagi = await env.as("hagi@example.jp");
    expect(JSON.stringify((await hagi.get("/api/notifications")).body)).not.toContain("期限");
    const overdue = await sec.get("/api/consultations?due=overdue");
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toContain(late);
  });

  it("sends the secretariat a monthly report of targets met", async () => {
    const nextMonth = new Date(Date.now() + 32 * 86400_000);
    const sent = await sendMonthlyReport(env.ctx, nextMonth);
    expect(sent).toBe(1);
    const sec = await env.as("secretariat@example.jp");
    const item = (await sec.get("/api/notifications")).body.items.find((n: { title: string }) =>
      n.title.startsWith("相談窓口の月次報告"),
    );
    expect(item.body).toMatch(/相談は\d+件/);
    expect(item.link).toContain("/consultations/reports");
  });
});
