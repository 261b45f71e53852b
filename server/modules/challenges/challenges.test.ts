import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { japanesePdf } from "../documents/test-files.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const input = {
  title: "ベンダーが標準化の期限に間に合わない",
  description: "住民記録システムのベンダーから、**移行期限**に間に合わないと連絡がありました。",
  theme: "住民記録",
};
async function post(email = "mine@example.jp", over: Record<string, unknown> = {}) {
  const res = await (await env.as(email)).post("/api/challenges", { ...input, ...over });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe("challenges: posting", () => {
  it("a municipality posts a challenge (audited, searchable); observers may not", async () => {
    const { id } = await post();
    expect((await lastAudit(env, "challenge.create"))?.subject_id).toBe(id);
    const mine = await env.as("mine@example.jp");
    const got = (await mine.get(`/api/challenges/${id}`)).body;
    expect(got).toMatchObject({ status: "open", shareCount: 0, org: { name: "美祢市" }, theme: "住民記録" });
    expect(got.descriptionHtml).toContain("<strong>移行期限</strong>");
    expect(got.abilities).toMatchObject({ canEdit: true, canShare: false, canSetStatus: false });
    const hits = await (await env.as("abu@example.jp")).get(`/api/search?q=${encodeURIComponent("期限に間に合わない")}`);
    expect(hits.body.items.map((i: { refId: string }) => i.refId)).toContain(id);
    expect((await (await env.as("observer@example.jp")).post("/api/challenges", input)).status).toBe(403);
    expect((await env.anon.post("/api/challenges", input)).status).toBe(401);
    expect((await env.anon.get("/api/challenges")).status).toBe(401);
  });

  it("refuses an empty challenge with field messages", async () => {
    const res = await (await env.as("mine@example.jp")).post("/api/challenges", { title: "", description: " " });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["description", "title"]);
  });

  it("only the posting organisation (or the secretariat) edits; a members-only WG's challenge is 404 outside it", async () => {
    const { id } = await post();
    expect((await (await env.as("abu@example.jp")).patch(`/api/challenges/${id}`, { title: "x" })).status).toBe(403);
    const res = await (await env.as("mine@example.jp")).patch(`/api/challenges/${id}`, { theme: "税務" });
    expect(res.body.theme).toBe("税務");
    expect(JSON.parse((await lastAudit(env, "challenge.update"))!.changes!)).toEqual({ theme: ["住民記録", "税務"] });

    const rpaMember = await env.database.db
      .selectFrom("body_members as m")
      .innerJoin("users as u", "u.org_id", "m.org_id")
      .select("u.email")
      .where("m.body_id", "=", env.demo.bodies.wgRpa)
      .where("u.role", "=", "municipal")
      .executeTakeFirstOrThrow();
    const rpa = await post(rpaMember.email, { title: "RPAのライセンス費用", bodyId: env.demo.bodies.wgRpa });
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.get(`/api/challenges/${rpa.id}`)).status).toBe(404);
    expect((await kami.post(`/api/challenges/${rpa.id}/shares`, {})).status).toBe(404);
    expect((await kami.post(`/api/challenges/${rpa.id}/comments`, { bodyMd: "x" })).status).toBe(404);
    expect((await kami.get("/api/challenges?limit=100")).body.items.map((c: { id: string }) => c.id)).not.toContain(rpa.id);
    expect((await kami.post("/api/challenges", { ...input, bodyId: env.demo.bodies.wgRpa })).status).toBe(400);
  });

  it("deletes (audited)", async () => {
    const { id } = await post();
    expect((await (await env.as("abu@example.jp")).delete(`/api/challenges/${id}`)).status).toBe(403);
    expect((await (await env.as("mine@example.jp")).delete(`/api/challenges/${id}`)).status).toBe(200);
    expect((await lastAudit(env, "challenge.delete"))?.subject_id).toBe(id);
    expect((await (await env.as("mine@example.jp")).get(`/api/challenges/${id}`)).status).toBe(404);
  });
});

describe("challenges: we have this too, comments, status", () => {
  let id: string;
  beforeAll(async () => {
    id = (await post("mine@example.jp", { title: "標準化ベンダーの撤退" })).id;
  });

  it("six towns mark 'we have this too'; a duplicate is refused; the poster is told", async () => {
    const towns = [
      "abu@example.jp",
      "kaminoseki@example.jp",
      "shunan@example.jp",
      "yamaguchi@example.jp",
      "hagi@example.jp",
      "shimonoseki@example.jp",
    ];
    for (const email of towns)
      expect((await (await env.as(email)).post(`/api/challenges/${id}/shares`, { note: "同じ状況です" })).status).toBe(201);
    expect((await lastAudit(env, "challenge.share"))?.subject_id).toBe(id);
    const dup = await (await env.as("abu2@example.jp")).post(`/api/challenges/${id}/shares`, {});
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain("すでに");
    expect((await (await env.as("mine@example.jp")).post(`/api/challenges/${id}/shares`, {})).status).toBe(403);
    expect((await (await env.as("secretariat@example.jp")).post(`/api/challenges/${id}/shares`, {})).status).toBe(403);
    const detail = (await (await env.as("abu@example.jp")).get(`/api/challenges/${id}`)).body;
    expect(detail.shareCount).toBe(6);
    expect(detail.sharedByMyOrg).toBe(true);
    const told = await env.database.db
      .selectFrom("notifications")
      .select("title")
      .where("user_id", "=", env.demo.users["mine@example.jp"]!)
      .execute();
    expect(told.some((n) => n.title.startsWith("阿武町も"))).toBe(true);

    const bySharing = (await (await env.as("abu@example.jp")).get("/api/challenges?sort=shares")).body.items;
    expect(bySharing[0].id).toBe(id);
    expect((await (await env.as("kaminoseki@example.jp")).delete(`/api/challenges/${id}/shares/mine`)).body.shareCount).toBe(5);
    expect((await lastAudit(env, "challenge.unshare"))?.subject_id).toBe(id);
  });

  it("comments and solutions are shared, escaped and searchable", async () => {
    const shunan = await env.as("shunan@example.jp");
    const res = await shunan.post(`/api/challenges/${id}/comments`, {
      kind: "solution",
      bodyMd: "当市は**共同調達**で別ベンダーに切り替えました。<img src=x onerror=alert(1)>",
    });
    expect(res.status).toBe(201);
    const c = res.body.comments[0];
    expect(c.kind).toBe("solution");
    expect(c.bodyHtml).toContain("<strong>共同調達</strong>");
    expect(c.bodyHtml).not.toContain("onerror");
    expect((await lastAudit(env, "challenge.shareSolution"))?.subject_id).toBe(id);
    expect(res.body.solutionCount).toBe(1);
    const hits = await (await env.as("hagi@example.jp")).get(`/api/search?q=${encodeURIComponent("別ベンダー")}&kinds=challenge`);
    expect(hits.body.items[0].refId).toBe(id);
    expect((await (await env.as("observer@example.jp")).post(`/api/challenges/${id}/comments`, { bodyMd: "x" })).status).toBe(
      403,
    );
    expect((await (await env.as("abu@example.jp")).delete(`/api/challenges/${id}/comments/${c.id}`)).status).toBe(403);
    const plain = await (await env.as("abu@example.jp")).post(`/api/challenges/${id}/comments`, { bodyMd: "参考になります" });
    const mineId = plain.body.comments.find((x: { bodyHtml: string }) => x.bodyHtml.includes("参考")).id;
    expect((await (await env.as("abu@example.jp")).delete(`/api/challenges/${id}/comments/${mineId}`)).status).toBe(200);
    expect((await lastAudit(env, "challenge.deleteComment"))?.subject_id).toBe(id);
  });

  it("the secretariat sets the status; resolved needs a summary", async () => {
    const sec = await env.as("secretariat@example.jp");
    expect((await (await env.as("mine@example.jp")).post(`/api/challenges/${id}/status`, { status: "taken_up" })).status).toBe(
      403,
    );
    const noSummary = await sec.post(`/api/challenges/${id}/status`, { status: "resolved" });
    expect(noSummary.status).toBe(400);
    expect(noSummary.body.error.details.issues[0].path).toBe("resolution");
    const res = await sec.post(`/api/challenges/${id}/status`, { status: "resolved", resolution: "県の共同調達で解決" });
    expect(res.body).toMatchObject({ status: "resolved", resolution: "県の共同調達で解決" });
    expect((await lastAudit(env, "challenge.setStatus"))?.subject_id).toBe(id);
    const filtered = (await sec.get("/api/challenges?status=resolved")).body.items.map((c: { id: string }) => c.id);
    expect(filtered).toEqual([id]);
    expect((await sec.get("/api/challenges/themes")).body.items.map((t: { theme: string }) => t.theme)).toContain("住民記録");
  });

  it("attaches files for the poster only", async () => {
    const pdf = await japanesePdf(["ベンダーからの通知"]);
    const part = [{ name: "通知.pdf", data: pdf, type: "application/pdf" }];
    expect((await (await env.as("abu@example.jp")).postForm(`/api/challenges/${id}/attachments`, {}, part)).status).toBe(403);
    const res = await (await env.as("mine@example.jp")).postForm(`/api/challenges/${id}/attachments`, {}, part);
    expect(res.status).toBe(200);
    expect((await lastAudit(env, "challenge.attach"))?.subject_id).toBe(id);
    const attId = res.body.attachments[0].id;
    const abu = await env.as("abu@example.jp");
    const file = await env.app.inject({
      url: `/api/challenges/${id}/attachments/${attId}?inline=1`,
      headers: { cookie: abu.cookie },
    });
    expect(file.statusCode).toBe(200);
    const del = await (await env.as("mine@example.jp")).delete(`/api/challenges/${id}/attachments/${attId}`);
    expect(del.body.attachments).toEqual([]);
    expect((await lastAudit(env, "challenge.detach"))?.subject_id).toBe(id);
  });
});

describe("challenges: proposed for a meeting's agenda", () => {
  it("the secretariat proposes the challenge as an agenda item of a working-group meeting", async () => {
    const sec = await env.as("secretariat@example.jp");
    const starts = new Date(Date.now() + 14 * 86400_000);
    const meeting = await sec.post("/api/meetings", {
      bodyId: env.demo.bodies.wgStandard,
      kind: "online",
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + 3600_000).toISOString(),
    });
    expect(meeting.status).toBe(201);
    const { id } = await post("mine@example.jp", { title: "ガバメントクラウドの運用経費が高い" });
    expect(
      (await (await env.as("mine@example.jp")).post(`/api/challenges/${id}/agenda`, { meetingId: meeting.body.id })).status,
    ).toBe(403);
    const res = await sec.post(`/api/challenges/${id}/agenda`, { meetingId: meeting.body.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "taken_up", meetingId: meeting.body.id });
    expect((await lastAudit(env, "challenge.linkMeeting"))?.subject_id).toBe(id);
    const agenda = await env.database.db
      .selectFrom("agenda_items")
      .selectAll()
      .where("id", "=", res.body.agendaItemId)
      .executeTakeFirstOrThrow();
    expect(agenda).toMatchObject({ status: "proposed", source_ref: `challenge:${id}`, meeting_id: meeting.body.id });
    expect((await sec.post(`/api/challenges/${id}/agenda`, { meetingId: meeting.body.id })).status).toBe(409);
    expect((await sec.post(`/api/challenges/${id}/agenda`, { meetingId: crypto.randomUUID() })).status).toBe(404);
  });
});
