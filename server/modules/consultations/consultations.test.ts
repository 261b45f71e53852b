import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { minimalPdf } from "../documents/test-files.js";

let env: TestEnv;
let id: string;
let attachmentId: string;
let noteAttachmentId: string;
const subject = "住民基本台帳の標準化に向けたフィット＆ギャップ分析の進め方";

beforeAll(async () => {
  env = await testEnv({ UPLOAD_MAX_MB: "1" });
  const kami = await env.as("kaminoseki@example.jp");
  const res = await kami.postForm(
    "/api/consultations",
    {
      category: "standardisation",
      subject,
      body: "ベンダーの資料を添付します。どこから手を付ければよいでしょうか。",
      urgency: "normal",
    },
    [{ name: "ベンダー資料.pdf", type: "application/pdf", data: minimalPdf() }],
  );
  expect(res.status).toBe(201);
  id = res.body.id;
  attachmentId = res.body.attachments[0].id;
  const spec = await env.as("specialist@example.jp");
  const note = await spec.postForm(
    `/api/consultations/${id}/messages`,
    { kind: "note", body: "内部メモ：ベンダーXの見積は高め" },
    [{ name: "内部資料.pdf", type: "application/pdf", data: minimalPdf("internal") }],
  );
  expect(note.status).toBe(201);
  noteAttachmentId = note.body.messages.find((m: { kind: string }) => m.kind === "note").attachments[0].id;
});

describe("filing a consultation", () => {
  it("stores it with its attachment, audits it and tells the desk", async () => {
    const audit = await lastAudit(env, "consultation.create");
    expect(audit?.subject_id).toBe(id);
    expect(audit?.actor_user_id).toBe(env.demo.users["kaminoseki@example.jp"]);
    const kami = await env.as("kaminoseki@example.jp");
    const detail = await kami.get(`/api/consultations/${id}`);
    expect(detail.body).toMatchObject({ subject, status: "new", org: { name: "上関町", isSmall: true } });
    expect(detail.body.firstResponse).toMatchObject({ target: 2 });
    expect(detail.body.abilities).toMatchObject({ canReply: true, canNote: false, canAssign: false });
    const file = await kami.get(`/api/consultations/${id}/attachments/${attachmentId}`);
    expect(file.status).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    const spec = await env.as("specialist@example.jp");
    const inbox = await spec.get("/api/notifications");
    expect(inbox.body.items.some((n: { link: string }) => n.link === `/consultations/${id}`)).toBe(true);
  });

  it("refuses an empty subject next to the field and writes nothing", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    const before = (await kami.get("/api/consultations")).body.total;
    const res = await kami.post("/api/consultations", { category: "other", subject: "  ", body: "本文" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toContainEqual({ path: "subject", message: "件名を入力してください" });
    const form = await kami.postForm("/api/consultations", { category: "other", subject: "", body: "本文" }, [
      { name: "a.pdf", type: "application/pdf", data: minimalPdf() },
    ]);
    expect(form.status).toBe(400);
    expect((await kami.get("/api/consultations")).body.total).toBe(before);
  });

  it("refuses an attachment over the limit or of a refused type, and nothing is half-written", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    const before = (await kami.get("/api/consultations")).body.total;
    const fields = { category: "other", subject: "ファイル確認", body: "本文" };
    const big = await kami.postForm("/api/consultations", fields, [
      { name: "big.pdf", type: "application/pdf", data: Buffer.concat([minimalPdf(), Buffer.alloc(1024 * 1024 + 10, 32)]) },
    ]);
    expect(big.status).toBe(413);
    expect(big.body.error.message).toContain("1MB以下");
    const exe = await kami.postForm("/api/consultations", fields, [
      { name: "tool.exe", type: "application/octet-stream", data: Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(200)]) },
    ]);
    expect(exe.status).toBe(415);
    expect(exe.body.error.message).toContain("tool.exe");
    expect((await kami.get("/api/consultations")).body.total).toBe(before);
  });

  it("is filed by municipal users, or by the desk for a named town only", async () => {
    const observer = await env.as("observer@example.jp");
    expect((await observer.post("/api/consultations", { category: "other", subject: "x", body: "y" })).status).toBe(403);
    const spec = await env.as("specialist@example.jp");
    const noTown = await spec.post("/api/consultations", { category: "other", subject: "x", body: "y" });
    expect(noTown.status).toBe(400);
    expect(noTown.body.error.details.issues.map((i: { path: string }) => i.path)).toContain("orgId");
  });
});

describe("visibility: the filing organisation and prefecture staff only", () => {
  const routes = () => [
    { m: "get", u: `/api/consultations/${id}` },
    { m: "patch", u: `/api/consultations/${id}`, b: { subject: "x" } },
    { m: "post", u: `/api/consultations/${id}/messages`, b: { body: "x" } },
    { m: "post", u: `/api/consultations/${id}/assign`, b: { assigneeId: null } },
    { m: "post", u: `/api/consultations/${id}/status`, b: { status: "closed" } },
    { m: "post", u: `/api/consultations/${id}/merge`, b: { targetId: crypto.randomUUID() } },
    { m: "get", u: `/api/consultations/${id}/attachments/${attachmentId}` },
    { m: "get", u: `/api/consultations/${id}/attachments/${noteAttachmentId}` },
  ];

  it("answers 401 without a session on every route", async () => {
    for (const r of routes()) {
      const res = await (env.anon as any)[r.m](r.u, r.b);
      expect([r.u, res.status]).toEqual([r.u, 401]);
    }
    for (const u of [
      "/api/consultations",
      "/api/consultations/export",
      "/api/consultations/reports?from=2026-01&to=2026-12",
      "/api/consultations/staff",
      "/api/consultation-templates",
    ])
      expect((await env.anon.get(u)).status).toBe(401);
  });

  it("answers 404 to another municipality and to an observer on every route", async () => {
    for (const email of ["shunan@example.jp", "abu@example.jp", "observer@example.jp"]) {
      const c = await env.as(email);
      for (const r of routes()) {
        const res = await (c as any)[r.m](r.u, r.b);
        expect([email, r.u, res.status]).toEqual([email, r.u, 404]);
        expect(res.text).not.toContain(subject);
      }
    }
    expect((await env.anon.get(`/api/consultations/${crypto.randomUUID()}`)).status).toBe(401);
  });

  it("keeps it out of another municipality's list, export, search and notifications", async () => {
    const shunan = await env.as("shunan@example.jp");
    expect((await shunan.get("/api/consultations")).body.items).toEqual([]);
    const csv = await shunan.get("/api/consultations/export?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain(subject);
    const search = await shunan.get(`/api/search?q=${encodeURIComponent("フィット＆ギャップ")}`);
    expect(search.status).toBe(200);
    expect(search.body.items.filter((i: { kind: string }) => i.kind === "consultation")).toEqual([]);
    expect(JSON.stringify((await shunan.get("/api/notifications")).body)).not.toContain(id);
    const observer = await env.as("observer@example.jp");
    expect((await observer.get("/api/consultations")).status).toBe(403);
  });

  it("lets the filing town find it by search, and staff too", async () => {
    for (const email of ["kaminoseki@example.jp", "specialist@example.jp"]) {
      const c = await env.as(email);
      const res = await c.get(`/api/search?q=${encodeURIComponent("フィット＆ギャップ")}`);
      expect(res.body.items.map((i: { refId: string }) => i.refId)).toContain(id);
    }
  });

  it("hides internal notes and their files from the town, everywhere", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    const detail = await kami.get(`/api/consultations/${id}`);
    expect(detail.text).not.toContain("内部メモ");
    expect(detail.text).not.toContain("内部資料");
    expect((await kami.get(`/api/consultations/${id}/attachments/${noteAttachmentId}`)).status).toBe(404);
    expect((await kami.post(`/api/consultations/${id}/messages`, { kind: "note", body: "x" })).status).toBe(403);
    expect(JSON.stringify((await kami.get("/api/notifications")).body)).not.toContain("内部メモ");
    const search = await kami.get(`/api/search?q=${encodeURIComponent("見積は高め")}`);
    expect(search.body.items).toEqual([]);
    const sec = await env.as("secretariat@example.jp");
    const staffView = await sec.get(`/api/consultations/${id}`);
    expect(staffView.text).toContain("内部メモ");
    expect((await sec.get(`/api/consultations/${id}/attachments/${noteAttachmentId}`)).status).toBe(200);
    expect((await lastAudit(env, "consultation.note"))?.subject_id).toBe(id);
  });

  it("answers 403 to the town for staff-only actions on its own consultation", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.post(`/api/consultations/${id}/assign`, { assigneeId: null })).status).toBe(403);
    expect((await kami.post(`/api/consultations/${id}/status`, { status: "resolved" })).status).toBe(403);
    expect((await kami.post(`/api/consultations/${id}/merge`, { targetId: id })).status).toBe(403);
    expect((await kami.get("/api/consultations/staff")).status).toBe(403);
  });
});
