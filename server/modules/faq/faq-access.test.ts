import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
let published: string;

beforeAll(async () => {
  env = await testEnv();
  const spec = await env.as("specialist@example.jp");
  published = (
    await spec.post("/api/faq", { category: "security", question: "パスワードの桁数は？", answer: "12桁以上を推奨します。" })
  ).body.id;
  expect((await spec.post(`/api/faq/${published}/publish`, { confirmAnonymised: true })).status).toBe(200);
});

describe("FAQ routes: 401 signed out, 403 for members who may only read", () => {
  it("answers 401 on every route without a session", async () => {
    const routes: [string, string, unknown?][] = [
      ["get", "/api/faq"],
      ["get", `/api/faq/${published}`],
      ["post", "/api/faq", { category: "other", question: "q", answer: "a" }],
      ["post", "/api/faq/from-consultation", { consultationId: crypto.randomUUID() }],
      ["post", "/api/faq/suggest", { text: "パスワード" }],
      ["patch", `/api/faq/${published}`, { question: "x" }],
      ["post", `/api/faq/${published}/publish`, { confirmAnonymised: true }],
      ["post", `/api/faq/${published}/unpublish`],
      ["delete", `/api/faq/${published}`],
    ];
    for (const [m, u, b] of routes) expect([m, u, (await (env.anon as any)[m](u, b)).status]).toEqual([m, u, 401]);
  });

  it("lets every member read a published article but not change it (403)", async () => {
    for (const email of ["abu@example.jp", "observer@example.jp"]) {
      const c = await env.as(email);
      expect((await c.get(`/api/faq/${published}`)).status).toBe(200);
      expect((await c.patch(`/api/faq/${published}`, { question: "x" })).status).toBe(403);
      expect((await c.post(`/api/faq/${published}/unpublish`)).status).toBe(403);
      expect((await c.delete(`/api/faq/${published}`)).status).toBe(403);
      expect((await c.post("/api/faq", { category: "other", question: "q", answer: "a" })).status).toBe(403);
    }
    expect((await (await env.as("abu@example.jp")).get(`/api/faq/${published}`)).body.answer).toBe("12桁以上を推奨します。");
  });

  it("edits a published article in place with an audit row and keeps it searchable", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.patch(`/api/faq/${published}`, { answer: "12桁以上、使い回しなしを推奨します。" });
    expect(res.status).toBe(200);
    expect(JSON.parse((await lastAudit(env, "faq.update"))!.changes!)).toEqual({
      answer: ["12桁以上を推奨します。", "12桁以上、使い回しなしを推奨します。"],
    });
    const abu = await env.as("abu@example.jp");
    const found = await abu.get(`/api/search?q=${encodeURIComponent("使い回し")}`);
    expect(found.body.items.map((i: { refId: string }) => i.refId)).toEqual([published]);
    expect((await abu.get(`/api/faq?q=${encodeURIComponent("使い回し")}`)).body.items.map((i: { id: string }) => i.id)).toEqual([
      published,
    ]);
  });
});
