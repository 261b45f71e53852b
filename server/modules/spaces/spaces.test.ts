import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { heldMeeting } from "../publication/test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("a body's space", () => {
  it("denies by default: 401 without a session, 404 for a members-only body the user's organisation is not in", async () => {
    expect((await env.anon.get(`/api/bodies/${env.demo.bodies.council}/space`)).status).toBe(401);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get(`/api/bodies/${env.demo.bodies.wgRpa}/space`)).status).toBe(404);
    expect((await kaminoseki.get(`/api/bodies/${crypto.randomUUID()}/space`)).status).toBe(404);
  });

  it("gathers the latest meetings' materials and the programmes the body owns (linked with an audit row)", async () => {
    const h = await heldMeeting(env, env.demo.bodies.wgStandard, "Space");
    const sec = await env.as("secretariat@example.jp");
    const programmes = (await sec.get("/api/progress/programmes")).body.items as { id: string; name: string }[];
    const p = programmes[0]!;
    const bad = await sec.patch(`/api/progress/programmes/${p.id}`, { bodyId: crypto.randomUUID() });
    expect(bad.status).toBe(400);
    const linked = await sec.patch(`/api/progress/programmes/${p.id}`, { bodyId: env.demo.bodies.wgStandard });
    expect(linked.status).toBe(200);
    expect(linked.body.bodyId).toBe(env.demo.bodies.wgStandard);
    const audit = await env.ctx.db
      .selectFrom("audit_log")
      .select("changes")
      .where("event", "=", "progressProgramme.update")
      .where("subject_id", "=", p.id)
      .executeTakeFirst();
    expect(audit?.changes).toContain("body_id");
    const abu = await env.as("abu@example.jp");
    const space = await abu.get(`/api/bodies/${env.demo.bodies.wgStandard}/space`);
    expect(space.status).toBe(200);
    expect(space.body.materials.map((m: { title: string }) => m.title)).toContain("公開資料Space");
    expect(space.body.materials.every((m: { meetingId: string }) => m.meetingId === h.id)).toBe(true);
    expect(space.body.programmes.map((x: { name: string }) => x.name)).toEqual([p.name]);
    expect(space.body.programmes[0].municipalities).toBe(19);
    const other = await abu.get(`/api/bodies/${env.demo.bodies.divide}/space`);
    expect(other.body.programmes).toEqual([]);
  });

  it("shows members' contacts: the organisation's department, phone and representative e-mail", async () => {
    const sec = await env.as("secretariat@example.jp");
    const abuOrg = (await sec.get("/api/orgs?q=阿武町")).body.items[0].id as string;
    expect(
      (
        await sec.put(`/api/orgs/${abuOrg}/contact`, {
          department: "総務課",
          person: "",
          phone: "08388-2-0000",
          email: "somu@example.jp",
          address: "",
        })
      ).status,
    ).toBe(200);
    const body = (await sec.get(`/api/bodies/${env.demo.bodies.divide}`)).body;
    const abu = body.members.find((m: { org: { id: string } | null }) => m.org?.id === abuOrg);
    expect(abu.contact).toEqual({ department: "総務課", title: "", phone: "08388-2-0000", email: "somu@example.jp" });
  });
});
