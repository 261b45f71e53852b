import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
let consultationId: string;
let draftId: string;

beforeAll(async () => {
  env = await testEnv();
  const kami = await env.as("kaminoseki@example.jp");
  const c = await kami.post("/api/consultations", {
    category: "standardisation",
    subject: "上関町の住民基本台帳のフィット＆ギャップ分析の進め方",
    body: "上関 さくらです。ベンダーから標準仕様書との比較表をもらいましたが、どこから確認すればよいでしょうか。連絡先 0820-62-0311",
  });
  consultationId = c.body.id;
  const spec = await env.as("specialist@example.jp");
  await spec.post(`/api/consultations/${consultationId}/messages`, {
    body: "標準仕様書の機能要件を「実装必須」から順に確認し、上関町の現行業務との差を一覧にしてください。",
    status: "resolved",
  });
});

describe("FAQ from a resolved consultation", () => {
  it("drafts an article with the town and people removed, for staff only", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.post("/api/faq/from-consultation", { consultationId })).status).toBe(403);
    expect((await env.anon.post("/api/faq/from-consultation", { consultationId })).status).toBe(401);
    const spec = await env.as("specialist@example.jp");
    const res = await spec.post("/api/faq/from-consultation", { consultationId });
    expect(res.status).toBe(201);
    draftId = res.body.id;
    expect(res.body.status).toBe("draft");
    expect(res.body.question).toBe("〇〇町の住民基本台帳のフィット＆ギャップ分析の進め方");
    expect(res.body.answer).not.toMatch(/上関|さくら|0820/);
    expect(res.body.answer).toContain("実装必須");
    expect(res.body.review).toMatchObject({ sourceConsultationId: consultationId, findings: [] });
    expect((await lastAudit(env, "faq.createFromConsultation"))?.subject_id).toBe(draftId);
  });

  it("refuses an open consultation and another town's staff cannot reach it (404)", async () => {
    const shunan = await env.as("shunan@example.jp");
    const open = await shunan.post("/api/consultations", { category: "other", subject: "未解決", body: "本文" });
    const spec = await env.as("specialist@example.jp");
    const res = await spec.post("/api/faq/from-consultation", { consultationId: open.body.id });
    expect(res.status).toBe(409);
    expect((await spec.post("/api/faq/from-consultation", { consultationId: crypto.randomUUID() })).status).toBe(404);
  });

  it("keeps drafts from municipal users (404) and refuses publication while a name remains", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.get(`/api/faq/${draftId}`)).status).toBe(404);
    expect((await kami.get("/api/faq")).body.items).toEqual([]);
    expect((await kami.patch(`/api/faq/${draftId}`, { question: "x" })).status).toBe(404);
    const spec = await env.as("specialist@example.jp");
    await spec.patch(`/api/faq/${draftId}`, { answer: "上関町の例では、上関 さくらさんが一覧を作りました。" });
    const noConfirm = await spec.post(`/api/faq/${draftId}/publish`, {});
    expect(noConfirm.status).toBe(400);
    const blocked = await spec.post(`/api/faq/${draftId}/publish`, { confirmAnonymised: true });
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.message).toContain("上関町");
    expect(blocked.body.error.details.issues.map((i: { path: string }) => i.path)).toContain("answer");
    expect((await spec.get(`/api/faq/${draftId}`)).body.status).toBe("draft");
  });

  it("publishes after review: readable by every member, found by search, suggested while typing", async () => {
    const spec = await env.as("specialist@example.jp");
    await spec.patch(`/api/faq/${draftId}`, {
      answer: "標準仕様書の機能要件を「実装必須」から順に確認し、現行業務との差を一覧にしてください。",
    });
    // A draft does not exist for a municipal user: 404, not 403.
    expect(
      (await (await env.as("kaminoseki@example.jp")).post(`/api/faq/${draftId}/publish`, { confirmAnonymised: true })).status,
    ).toBe(404);
    const pub = await spec.post(`/api/faq/${draftId}/publish`, { confirmAnonymised: true });
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: "published", review: { reviewedBy: "県 専門人材 伴走支援" } });
    expect((await lastAudit(env, "faq.publish"))?.subject_id).toBe(draftId);

    for (const email of ["shunan@example.jp", "observer@example.jp", "abu@example.jp"]) {
      const c = await env.as(email);
      const got = await c.get(`/api/faq/${draftId}`);
      expect(got.status).toBe(200);
      expect(got.body.review).toBeNull();
      expect(got.body.abilities.canEdit).toBe(false);
      expect((await c.get("/api/faq")).body.items.map((i: { id: string }) => i.id)).toContain(draftId);
    }
    const shunan = await env.as("shunan@example.jp");
    const found = await shunan.get(`/api/search?q=${encodeURIComponent("フィット＆ギャップ")}`);
    expect(found.body.items.map((i: { kind: string; refId: string }) => `${i.kind}:${i.refId}`)).toEqual([`faq:${draftId}`]);
    const s = await shunan.post("/api/faq/suggest", { text: "戸籍の標準化でフィット＆ギャップ分析をどう進めるか教えてください" });
    expect(s.body.items[0]).toMatchObject({ id: draftId });
    const none = await shunan.post("/api/faq/suggest", { text: "会議室の予約方法" });
    expect(none.body.items).toEqual([]);
    expect((await env.anon.post("/api/faq/suggest", { text: "標準化" })).status).toBe(401);
  });

  it("unpublishes and deletes (staff), dropping it from search", async () => {
    const spec = await env.as("specialist@example.jp");
    const shunan = await env.as("shunan@example.jp");
    expect((await shunan.post(`/api/faq/${draftId}/unpublish`)).status).toBe(403);
    expect((await spec.post(`/api/faq/${draftId}/unpublish`)).body.status).toBe("draft");
    expect((await shunan.get(`/api/faq/${draftId}`)).status).toBe(404);
    expect((await shunan.get(`/api/search?q=${encodeURIComponent("フィット＆ギャップ")}`)).body.items).toEqual([]);
    expect((await shunan.post("/api/faq/suggest", { text: "フィット＆ギャップ分析の進め方" })).body.items).toEqual([]);
    expect((await spec.delete(`/api/faq/${draftId}`)).status).toBe(200);
    expect((await lastAudit(env, "faq.delete"))?.subject_id).toBe(draftId);
    expect((await spec.get(`/api/faq/${draftId}`)).status).toBe(404);
  });

  it("lets staff write an article from scratch; others get 403; bad input 400", async () => {
    const spec = await env.as("specialist@example.jp");
    expect(
      (await (await env.as("abu@example.jp")).post("/api/faq", { category: "other", question: "q", answer: "a" })).status,
    ).toBe(403);
    const bad = await spec.post("/api/faq", { category: "other", question: "", answer: "a" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe("question");
    const ok = await spec.post("/api/faq", {
      category: "security",
      question: "USBメモリの利用ルールは？",
      answer: "原則禁止です。",
    });
    expect(ok.status).toBe(201);
    expect((await lastAudit(env, "faq.create"))?.subject_id).toBe(ok.body.id);
  });
});
