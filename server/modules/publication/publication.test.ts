import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting } from "../meetings/test-support.js";
import { heldMeeting, publish } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const levelsOf = async (id: string) =>
  (await (await env.as("secretariat@example.jp")).get(`/api/meetings/${id}/publication`)).body;

describe("publication of a meeting", () => {
  it("denies by default: 401 without a session, 403 for a municipality, 404 for a members-only body's meeting it cannot see", async () => {
    const h = await heldMeeting(env, env.demo.bodies.council, "PubA");
    expect((await env.anon.get(`/api/meetings/${h.id}/publication`)).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/meetings/${h.id}/publication`)).status).toBe(403);
    expect((await abu.put(`/api/meetings/${h.id}/publication`, { meeting: "public", minutes: "closed" })).status).toBe(403);
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get(`/api/meetings/${rpa.id}/publication`)).status).toBe(404);
    expect(
      (await kaminoseki.post(`/api/meetings/${rpa.id}/publication/preview`, { meeting: "closed", minutes: "closed" })).status,
    ).toBe(404);
  });

  it("everything starts not public; publishing writes one audit row and the public page shows only what is 公開", async () => {
    const h = await heldMeeting(env, env.demo.bodies.council, "PubB");
    const before = await levelsOf(h.id);
    expect(before.meeting).toBe("closed");
    expect(before.minutes).toBe("closed");
    expect(before.agendaItems.every((a: { level: string }) => a.level === "closed")).toBe(true);
    expect(before.materials.every((a: { level: string }) => a.level === "closed")).toBe(true);
    expect((await env.app.inject({ url: `/public/meetings/${h.id}.html` })).statusCode).toBe(404);

    const state = await publish(h);
    expect(state.meeting).toBe("public");
    const audit = await lastAudit(env, "meeting.publication.update");
    expect(audit?.subject_id).toBe(h.id);
    expect(JSON.parse(audit!.changes!).changes).toHaveLength(5);

    const page = await env.app.inject({ url: `/public/meetings/${h.id}.html` });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("公開議題PubB");
    expect(page.body).toContain("公開資料PubB");
    expect(page.body).toContain("参考資料PubB");
    expect(page.body).toContain("要旨PubB");
    expect(page.body).not.toContain("非公開議題PubB");
    expect(page.body).not.toContain("非公開資料PubB");
    const file = await env.app.inject({ url: `/public/materials/${h.openMaterial}.pdf` });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await env.app.inject({ url: `/public/materials/${h.closedMaterial}.pdf` })).statusCode).toBe(404);
  });

  it("refuses a material of a 非公開 meeting (or of a 非公開 agenda item) with a clear 400, changing nothing", async () => {
    const h = await heldMeeting(env, env.demo.bodies.council, "PubC");
    const auditBefore = await lastAudit(env, "meeting.publication.update");
    const res = await h.sec.put(`/api/meetings/${h.id}/publication`, {
      meeting: "closed",
      minutes: "closed",
      materials: [{ id: h.wideMaterial, level: "public" }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("非公開の会議");
    expect(res.body.error.details.issues[0].message).toContain("会議を公開しないと公開できません");
    const item = await h.sec.put(`/api/meetings/${h.id}/publication`, {
      meeting: "public",
      minutes: "closed",
      materials: [{ id: h.itemMaterial, level: "public" }],
    });
    expect(item.status).toBe(400);
    expect(item.body.error.details.issues[0].message).toContain("議題を公開しないと");
    const after = await levelsOf(h.id);
    expect(after.meeting).toBe("closed");
    expect(after.materials.every((a: { level: string }) => a.level === "closed")).toBe(true);
    expect((await lastAudit(env, "meeting.publication.update"))?.id).toBe(auditBefore?.id);
  });

  it("refuses to publish a draft meeting or one of a members-only body", async () => {
    const draft = await makeMeeting(env, env.demo.bodies.council);
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.put(`/api/meetings/${draft.id}/publication`, { meeting: "public", minutes: "closed" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].message).toContain("開催通知前");
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    await sec.post(`/api/meetings/${rpa.id}/announce`, {});
    const members = await sec.put(`/api/meetings/${rpa.id}/publication`, { meeting: "public", minutes: "closed" });
    expect(members.status).toBe(400);
    expect(members.body.error.details.issues[0].message).toContain("委員限りの会議体");
  });

  it("previews exactly what will become public and runs the anonymisation check over it", async () => {
    const h = await heldMeeting(env, env.demo.bodies.council, "PubD");
    const input = {
      meeting: "public",
      minutes: "public",
      agendaItems: [{ id: h.openItem, level: "public" }],
      materials: [{ id: h.openMaterial, level: "public" }],
    };
    await env.ctx.db
      .updateTable("meeting_minutes")
      .set({ body_md: "阿武 由美さん（0820-62-0000）から報告" })
      .where("meeting_id", "=", h.id)
      .execute();
    const preview = await h.sec.post(`/api/meetings/${h.id}/publication/preview`, input);
    expect(preview.status).toBe(200);
    expect(preview.body.agenda.map((a: { title: string }) => a.title)).toEqual(["公開議題PubD"]);
    expect(preview.body.materials.map((m: { title: string }) => m.title)).toEqual(["公開資料PubD"]);
    expect(preview.body.minutesHtml).toContain("から報告");
    const kinds = preview.body.findings.map((f: { kind: string; where: string }) => `${f.kind}:${f.where}`);
    expect(kinds).toEqual(expect.arrayContaining(["person:議事要旨", "phone:議事要旨"]));
    // The preview changed nothing.
    expect((await levelsOf(h.id)).meeting).toBe("closed");
    const refused = await h.sec.put(`/api/meetings/${h.id}/publication`, input);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("個人名・連絡先");
    expect((await levelsOf(h.id)).meeting).toBe("closed");
    const accepted = await h.sec.put(`/api/meetings/${h.id}/publication`, { ...input, acceptFindings: true });
    expect(accepted.status).toBe(200);
    expect(JSON.parse((await lastAudit(env, "meeting.publication.update"))!.changes!).findingsAccepted).toBe(2);
  });
});

describe("programmes in the open data, and the static export", () => {
  it("lets only the council secretariat set a programme's level, with an audit row", async () => {
    const sec = await env.as("secretariat@example.jp");
    const abu = await env.as("abu@example.jp");
    expect((await env.anon.get("/api/publication/programmes")).status).toBe(401);
    expect((await abu.get("/api/publication/programmes")).status).toBe(403);
    const list = (await sec.get("/api/publication/programmes")).body.items;
    expect(list.length).toBeGreaterThan(0);
    const p = list[0];
    expect(p.level).toBe("closed");
    expect((await abu.put(`/api/publication/programmes/${p.id}`, { level: "public" })).status).toBe(403);
    expect((await sec.put(`/api/publication/programmes/${crypto.randomUUID()}`, { level: "public" })).status).toBe(404);
    const csvBefore = (await env.app.inject({ url: "/public/opendata/progress.csv" })).body;
    expect(csvBefore).not.toContain(p.name);
    expect((await sec.put(`/api/publication/programmes/${p.id}`, { level: "public" })).status).toBe(200);
    expect((await lastAudit(env, "programme.disclosure.update"))?.subject_id).toBe(p.id);
    const csv = (await env.app.inject({ url: "/public/opendata/progress.csv" })).body;
    expect(csv).toContain(p.name);
  });

  it("gives the export to the secretariat only", async () => {
    expect((await env.anon.get("/api/publication/export.zip")).status).toBe(401);
    expect((await (await env.as("abu@example.jp")).get("/api/publication/export.zip")).status).toBe(403);
    const res = await (await env.as("secretariat@example.jp")).get("/api/publication/export.zip");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
  });
});
