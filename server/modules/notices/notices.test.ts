import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { japanesePdf } from "../documents/test-files.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ UPLOAD_MAX_MB: "1" });
});

const draft = {
  category: "national",
  title: "ガバメントクラウド移行に関する国の最新動向",
  bodyMd: "## 概要\nデジタル庁が**移行計画**を更新しました。<script>alert(1)</script>",
  links: [{ title: "デジタル庁", url: "https://www.digital.go.jp/" }],
  required: true,
};

async function createDraft(over: Record<string, unknown> = {}) {
  const sec = await env.as("secretariat@example.jp");
  const res = await sec.post("/api/notices", { ...draft, ...over });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe("notices: writing and publishing", () => {
  it("creates a draft (audited) that only editors see; renders Markdown safely", async () => {
    const { id } = await createDraft();
    expect((await lastAudit(env, "notice.create"))?.subject_id).toBe(id);
    const sec = await env.as("secretariat@example.jp");
    const got = await sec.get(`/api/notices/${id}`);
    expect(got.body.status).toBe("draft");
    expect(got.body.bodyHtml).toContain("<strong>移行計画</strong>");
    expect(got.body.bodyHtml).not.toContain("<script");
    expect(got.body.abilities).toMatchObject({ canEdit: true, canPublish: true, canDelete: true });
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/notices/${id}`)).status).toBe(404);
    expect((await abu.get("/api/notices?status=draft")).body.items).toEqual([]);
  });

  it("401 without a session, 403 for a municipal author, 400 for an empty notice or a bad link", async () => {
    expect((await env.anon.get("/api/notices")).status).toBe(401);
    expect((await env.anon.post("/api/notices", draft)).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.post("/api/notices", draft)).status).toBe(403);
    const sec = await env.as("secretariat@example.jp");
    const empty = await sec.post("/api/notices", { ...draft, title: " ", bodyMd: "" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["bodyMd", "title"]);
    const badLink = await sec.post("/api/notices", { ...draft, links: [{ title: "x", url: "javascript:alert(1)" }] });
    expect(badLink.status).toBe(400);
  });

  it("refuses a scheduled time in the past and keeps the draft", async () => {
    const { id } = await createDraft();
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.post(`/api/notices/${id}/publish`, { at: "2020-04-01T09:00:00+09:00" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("過去");
    expect((await sec.get(`/api/notices/${id}`)).body.status).toBe("draft");
  });

  it("publishes on schedule through the job queue and notifies the municipalities", async () => {
    const { id } = await createDraft({ title: "予約公開のお知らせ", required: false });
    const sec = await env.as("secretariat@example.jp");
    const at = new Date(Date.now() + 3600_000).toISOString();
    const res = await sec.post(`/api/notices/${id}/publish`, { at });
    expect(res.body.status).toBe("scheduled");
    expect((await lastAudit(env, "notice.schedule"))?.subject_id).toBe(id);
    await env.worker.runOnce();
    expect((await sec.get(`/api/notices/${id}`)).body.status).toBe("scheduled");
    // The hour passes: make the queued job due.
    await env.database.db
      .updateTable("jobs")
      .set({ run_at: new Date().toISOString() })
      .where("kind", "=", "notices.publishScheduled")
      .execute();
    await env.worker.runOnce();
    expect((await sec.get(`/api/notices/${id}`)).body.status).toBe("published");
    const note = await env.database.db
      .selectFrom("notifications")
      .selectAll()
      .where("user_id", "=", env.demo.users["abu@example.jp"]!)
      .where("link", "=", `/notices/${id}`)
      .executeTakeFirst();
    expect(note?.title).toContain("予約公開のお知らせ");
  });

  it("publishes now, pins, archives, and refuses to delete what was published", async () => {
    const { id } = await createDraft({ title: "固定表示のお知らせ" });
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.post(`/api/notices/${id}/publish`, {})).body.status).toBe("published");
    expect((await lastAudit(env, "notice.publish"))?.subject_id).toBe(id);
    expect((await sec.post(`/api/notices/${id}/publish`, {})).status).toBe(409);
    expect((await sec.post(`/api/notices/${id}/pin`, { value: true })).body.pinned).toBe(true);
    const abu = await env.as("abu@example.jp");
    const list = await abu.get("/api/notices");
    expect(list.body.items[0].id).toBe(id);
    expect(list.body.items[0].abilities.canEdit).toBe(false);
    expect((await abu.post(`/api/notices/${id}/pin`, { value: false })).status).toBe(403);
    expect((await sec.delete(`/api/notices/${id}`)).status).toBe(409);
    expect((await sec.post(`/api/notices/${id}/archive`, { value: true })).body.status).toBe("archived");
    expect((await lastAudit(env, "notice.archive"))?.subject_id).toBe(id);
    expect((await abu.get("/api/notices")).body.items.map((n: { id: string }) => n.id)).not.toContain(id);
    expect((await abu.get("/api/notices?status=archived")).body.items.map((n: { id: string }) => n.id)).toContain(id);
  });

  it("edits (audited) and deletes drafts", async () => {
    const { id } = await createDraft();
    const sec = await env.as("secretariat@example.jp");
    const patched = await sec.patch(`/api/notices/${id}`, { title: "改題しました" });
    expect(patched.body.title).toBe("改題しました");
    expect(JSON.parse((await lastAudit(env, "notice.update"))!.changes!)).toEqual({ title: [draft.title, "改題しました"] });
    expect((await (await env.as("abu@example.jp")).patch(`/api/notices/${id}`, { title: "x" })).status).toBe(404);
    expect((await sec.delete(`/api/notices/${id}`)).status).toBe(200);
    expect((await lastAudit(env, "notice.delete"))?.subject_id).toBe(id);
    expect((await sec.get(`/api/notices/${id}`)).status).toBe(404);
  });
});

describe("notices: required reading", () => {
  let id: string;
  beforeAll(async () => {
    id = (await createDraft({ title: "必読：標準化の期限について" })).id;
    await (await env.as("secretariat@example.jp")).post(`/api/notices/${id}/publish`, {});
  });

  it("tracks reads per organisation and per user; only editors see the list", async () => {
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/notices/${id}`)).body.readByMe).toBe(false);
    expect((await abu.post(`/api/notices/${id}/read`)).status).toBe(200);
    expect((await lastAudit(env, "notice.read"))?.actor_user_id).toBe(env.demo.users["abu@example.jp"]);
    expect((await abu.post(`/api/notices/${id}/read`)).status).toBe(200); // idempotent
    expect((await abu.get(`/api/notices/${id}`)).body.readByMe).toBe(true);
    expect((await abu.get(`/api/notices/${id}/reads`)).status).toBe(403);
    expect((await env.anon.get(`/api/notices/${id}/reads`)).status).toBe(401);
    const status = (await (await env.as("secretariat@example.jp")).get(`/api/notices/${id}/reads`)).body;
    expect(status.orgCount).toBe(19);
    expect(status.readOrgCount).toBe(1);
    const abuOrg = status.orgs.find((o: { name: string }) => o.name === "阿武町");
    expect(abuOrg.read).toBe(true);
    expect(abuOrg.users.find((u: { id: string }) => u.id === env.demo.users["abu2@example.jp"]).readAt).toBeNull();
  });

  it("reminds the organisations that have not read it, once in a while", async () => {
    const sec = await env.as("secretariat@example.jp");
    expect((await (await env.as("mine@example.jp")).post(`/api/notices/${id}/remind`)).status).toBe(403);
    const res = await sec.post(`/api/notices/${id}/remind`);
    expect(res.status).toBe(200);
    expect(res.body.orgs).toBe(18);
    expect((await lastAudit(env, "notice.remind"))?.subject_id).toBe(id);
    const reminded = await env.database.db
      .selectFrom("notifications")
      .select("user_id")
      .where("title", "like", "【確認のお願い】%")
      .execute();
    const ids = reminded.map((r) => r.user_id);
    expect(ids).toContain(env.demo.users["mine@example.jp"]);
    expect(ids).not.toContain(env.demo.users["abu2@example.jp"]); // 阿武町 has read it
    expect((await sec.post(`/api/notices/${id}/remind`)).status).toBe(409);
  });
});

describe("notices: bodies, attachments and search", () => {
  it("keeps a members-only body's notice from outsiders (404) and tracks only its members", async () => {
    const { id } = await createDraft({ category: "working_group", bodyId: env.demo.bodies.wgRpa, title: "RPA共同調達の進め方" });
    const sec = await env.as("secretariat@example.jp");
    await sec.post(`/api/notices/${id}/publish`, {});
    expect((await (await env.as("kaminoseki@example.jp")).get(`/api/notices/${id}`)).status).toBe(404);
    expect((await (await env.as("kaminoseki@example.jp")).post(`/api/notices/${id}/read`)).status).toBe(404);
    const status = (await sec.get(`/api/notices/${id}/reads`)).body;
    expect(status.orgs.map((o: { name: string }) => o.name)).not.toContain("上関町");
    expect(status.orgCount).toBeLessThan(19);
  });

  it("attaches a PDF whose text becomes searchable; refuses other types and oversize files", async () => {
    const { id } = await createDraft({ title: "添付付きのお知らせ" });
    const sec = await env.as("secretariat@example.jp");
    const pdf = await japanesePdf(["移行支援期間の延長について", "特定移行支援システム"]);
    const res = await sec.postForm(`/api/notices/${id}/attachments`, {}, [
      { name: "総務省通知.pdf", data: pdf, type: "application/pdf" },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.attachments[0]).toMatchObject({ name: "総務省通知.pdf", previewable: true });
    expect((await lastAudit(env, "notice.attach"))?.subject_id).toBe(id);
    const exe = await sec.postForm(`/api/notices/${id}/attachments`, {}, [
      {
        name: "setup.exe",
        data: Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
        type: "application/octet-stream",
      },
    ]);
    expect(exe.status).toBe(415);
    const big = await sec.postForm(`/api/notices/${id}/attachments`, {}, [
      { name: "big.txt", data: Buffer.alloc(1_200_000, "a"), type: "text/plain" },
    ]);
    expect(big.status).toBe(413);
    expect((await sec.get(`/api/notices/${id}`)).body.attachments).toHaveLength(1);
    const abuUp = await (await env.as("abu@example.jp")).postForm(`/api/notices/${id}/attachments`, {}, []);
    expect(abuUp.status).toBe(404); // a draft does not exist for 阿武町

    await sec.post(`/api/notices/${id}/publish`, {});
    await env.worker.runOnce();
    const abu = await env.as("abu@example.jp");
    const found = await abu.get(`/api/search?q=${encodeURIComponent("特定移行支援")}`);
    expect(found.body.items.map((i: { refId: string }) => i.refId)).toContain(id);
    const attId = res.body.attachments[0].id;
    const file = await env.app.inject({
      url: `/api/notices/${id}/attachments/${attId}?inline=1`,
      headers: { cookie: abu.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(String(file.headers["content-disposition"])).toMatch(/^inline/);
    expect((await env.anon.get(`/api/notices/${id}/attachments/${attId}`)).status).toBe(401);
  });

  it("finds published notices in search but never drafts", async () => {
    const { id } = await createDraft({ title: "未公開の移行計画ドラフト" });
    const abu = await env.as("abu@example.jp");
    const sec = await env.as("secretariat@example.jp");
    expect((await abu.get(`/api/search?q=${encodeURIComponent("移行計画ドラフト")}`)).body.items).toEqual([]);
    await sec.post(`/api/notices/${id}/publish`, {});
    expect((await abu.get(`/api/search?q=${encodeURIComponent("移行計画ドラフト")}`)).body.items[0].refId).toBe(id);
    await sec.post(`/api/notices/${id}/unpublish`);
    expect((await lastAudit(env, "notice.unpublish"))?.subject_id).toBe(id);
    expect((await abu.get(`/api/search?q=${encodeURIComponent("移行計画ドラフト")}`)).body.items).toEqual([]);
  });
});
