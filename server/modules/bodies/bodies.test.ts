import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { jstDate, jstDayEnd } from "../../../shared/dates/jst.js";
import { auditMark, auditSince, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("bodies", () => {
  it("shows the Yamaguchi council with its working groups and members", async () => {
    const shunan = await env.as("shunan@example.jp");
    const list = await shunan.get("/api/bodies");
    expect(list.status).toBe(200);
    const names = list.body.items.map((b: { name: string }) => b.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "山口県デジタル・ガバメント構築連携会議",
        "情報システムの標準化・共通化WG",
        "行政手続オンライン化WG",
        "RPA等共同利用WG",
        "デジタルデバイド対策専門部会",
      ]),
    );
    const council = await shunan.get(`/api/bodies/${env.demo.bodies.council}`);
    expect(council.body.members).toHaveLength(22);
    expect(council.body.members[0]).toMatchObject({ position: "chair", org: { name: "山口県" } });
    expect(council.body.myPosition).toBe("member");
    expect(council.body.abilities).toEqual({ canEdit: false, canManageMembers: false });
  });

  it("hides a members-only body from non-members with 404, everywhere", async () => {
    const kaminoseki = await env.as("kaminoseki@example.jp");
    const list = await kaminoseki.get("/api/bodies");
    expect(list.body.items.map((b: { id: string }) => b.id)).not.toContain(env.demo.bodies.wgRpa);
    expect((await kaminoseki.get(`/api/bodies/${env.demo.bodies.wgRpa}`)).status).toBe(404);
    const abu = await env.as("abu@example.jp"); // 阿武町 is a member of the RPA WG
    expect((await abu.get(`/api/bodies/${env.demo.bodies.wgRpa}`)).status).toBe(200);
  });

  it("401 without a session, 403 for a municipal user managing members, 404 for an unknown body", async () => {
    expect((await env.anon.get("/api/bodies")).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    const add = await abu.post(`/api/bodies/${env.demo.bodies.divide}/members`, {
      orgId: env.demo.orgs["周南市"],
      position: "member",
    });
    expect(add.status).toBe(403);
    expect((await abu.post("/api/bodies", { kind: "working_group", name: "勝手なWG" })).status).toBe(403);
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.get(`/api/bodies/${crypto.randomUUID()}`)).status).toBe(404);
    // Managing members of a members-only body one cannot see is a 404, not a 403.
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect(
      (
        await kaminoseki.post(`/api/bodies/${env.demo.bodies.wgRpa}/members`, {
          orgId: env.demo.orgs["上関町"],
          position: "member",
        })
      ).status,
    ).toBe(404);
  });

  it("adds, changes and removes a member with audit rows", async () => {
    const sec = await env.as("secretariat@example.jp");
    const url = `/api/bodies/${env.demo.bodies.divide}/members`;
    const added = await sec.post(url, {
      orgId: env.demo.orgs["周南市"],
      position: "member",
      termStart: "2025-04-01",
      termEnd: "2027-03-31",
    });
    expect(added.status).toBe(201);
    const member = added.body.members.find((m: { org: { name: string } | null }) => m.org?.name === "周南市");
    expect(member).toMatchObject({ position: "member", termStart: "2025-04-01" });
    expect((await lastAudit(env, "body.addMember"))?.subject_id).toBe(env.demo.bodies.divide);

    const dup = await sec.post(url, { orgId: env.demo.orgs["周南市"], position: "observer" });
    expect(dup.status).toBe(409);

    const badTerm = await sec.patch(`${url}/${member.id}`, { termEnd: "2024-01-01" });
    expect(badTerm.status).toBe(400);
    const changed = await sec.patch(`${url}/${member.id}`, { position: "vice_chair" });
    expect(changed.body.members.find((m: { id: string }) => m.id === member.id).position).toBe("vice_chair");
    expect(JSON.parse((await lastAudit(env, "body.updateMember"))!.changes!).position).toEqual(["member", "vice_chair"]);

    const mark = await auditMark(env);
    const removed = await sec.delete(`${url}/${member.id}`);
    expect(removed.body.members.some((m: { id: string }) => m.id === member.id)).toBe(false);
    expect(await auditSince(env, mark, "body.removeMember")).toEqual([
      {
        actor: env.demo.users["secretariat@example.jp"],
        subject: { type: "body", id: env.demo.bodies.divide },
        changes: { memberId: member.id, orgId: env.demo.orgs["周南市"], userId: null },
      },
    ]);
  });

  it("ends a membership on the last day of its term at midnight Japan time, not at UTC midnight", async () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    const sec = await env.as("secretariat@example.jp");
    const url = `/api/bodies/${env.demo.bodies.divide}`;
    // A term ending today (as on 3/31): it ends at the next 00:00 in Japan, 15:00 UTC, when the UTC date is still today.
    const lastDay = jstDate();
    const added = await sec.post(`${url}/members`, { orgId: env.demo.orgs["下関市"], position: "member", termEnd: lastDay });
    expect(added.status).toBe(201);
    const listed = async () =>
      (await sec.get(url)).body.members.some((m: { org: { name: string } | null }) => m.org?.name === "下関市");
    const midnight = jstDayEnd(lastDay).getTime();
    vi.useFakeTimers({ toFake: ["Date"], now: midnight - 60_000 }); // 23:59 JST on the last day
    expect(await listed()).toBe(true);
    vi.setSystemTime(midnight + 60_000); // 00:01 JST the next day
    expect(new Date().toISOString().slice(0, 10)).toBe(lastDay); // UTC still on the last day
    expect(await listed()).toBe(false);
    vi.useRealTimers();
  });

  it("lets a body's personal secretariat manage its members, and rejects bad input", async () => {
    const specialist = await env.as("specialist@example.jp"); // secretariat of the digital-divide subcommittee
    const res = await specialist.post(`/api/bodies/${env.demo.bodies.divide}/members`, {
      userId: env.demo.users["observer@example.jp"],
      position: "observer",
    });
    expect(res.status).toBe(201);
    expect(
      (
        await specialist.post(`/api/bodies/${env.demo.bodies.council}/members`, {
          orgId: env.demo.orgs["周南市"],
          position: "observer",
        })
      ).status,
    ).toBe(403);
    const both = await specialist.post(`/api/bodies/${env.demo.bodies.divide}/members`, { position: "member" });
    expect(both.status).toBe(400);
    expect(both.body.error.details.issues[0].path).toBe("orgId");
  });

  it("creates and edits a body", async () => {
    const sec = await env.as("secretariat@example.jp");
    const created = await sec.post("/api/bodies", {
      kind: "working_group",
      parentId: env.demo.bodies.council,
      name: "AI活用WG",
      visibility: "members",
    });
    expect(created.status).toBe(201);
    expect((await lastAudit(env, "body.create"))?.subject_id).toBe(created.body.id);
    const edited = await sec.patch(`/api/bodies/${created.body.id}`, { theme: "生成AIの業務活用" });
    expect(edited.body.theme).toBe("生成AIの業務活用");
    expect((await sec.patch(`/api/bodies/${created.body.id}`, { parentId: created.body.id })).status).toBe(400);
    // A members-only body without members is invisible to municipalities.
    const shunan = await env.as("shunan@example.jp");
    expect((await shunan.get(`/api/bodies/${created.body.id}`)).status).toBe(404);
  });

  it("lets a body's manager look people up to add, and no one else", async () => {
    const specialist = await env.as("specialist@example.jp");
    const res = await specialist.get(`/api/bodies/${env.demo.bodies.divide}/candidates?q=阿武`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { email: string }) => u.email)).toEqual(
      expect.arrayContaining(["abu@example.jp", "abu2@example.jp"]),
    );
    expect((await specialist.get(`/api/bodies/${env.demo.bodies.council}/candidates?q=阿武`)).status).toBe(403);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get(`/api/bodies/${env.demo.bodies.wgRpa}/candidates`)).status).toBe(404);
    expect((await env.anon.get(`/api/bodies/${env.demo.bodies.divide}/candidates`)).status).toBe(401);
  });
});
