import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
let id: string;

const engagementCount = async () =>
  Number(
    (
      await env.database.db
        .selectFrom("support_engagements")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  env = await testEnv();
  const town = await env.as("kaminoseki@example.jp");
  const res = await town.post("/api/consultations", {
    category: "online",
    subject: "電子申請の導入手順",
    body: "ぴったりサービスで申請を受け付けたいが、手順が分からない。",
  });
  expect(res.status).toBe(201);
  id = res.body.id;
});

describe("from desk to support in one step", () => {
  it("refuses signed out (401), another town and an observer (404), the town itself (403); nothing is created", async () => {
    const before = await engagementCount();
    expect((await env.anon.post(`/api/consultations/${id}/support`, {})).status).toBe(401);
    for (const email of ["shunan@example.jp", "observer@example.jp"]) {
      const c = await env.as(email);
      expect((await c.post(`/api/consultations/${id}/support`, {})).status).toBe(404);
    }
    const town = await env.as("kaminoseki@example.jp");
    expect((await town.post(`/api/consultations/${id}/support`, {})).status).toBe(403);
    const spec = await env.as("specialist@example.jp");
    expect((await spec.post(`/api/consultations/${crypto.randomUUID()}/support`, {})).status).toBe(404);
    expect(await engagementCount()).toBe(before);
  });

  it("starts an engagement for the town, linked both ways and audited; a second start is refused", async () => {
    const spec = await env.as("specialist@example.jp");
    const res = await spec.post(`/api/consultations/${id}/support`, {});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ theme: "電子申請の導入手順", consultationId: id, org: { name: "上関町" } });
    expect(res.body.goals).toContain("ぴったりサービス");
    expect((await lastAudit(env, "consultation.toSupport"))?.subject_id).toBe(id);
    expect((await lastAudit(env, "support.create"))?.subject_id).toBe(res.body.id);

    const detail = await spec.get(`/api/consultations/${id}`);
    expect(detail.body.engagements).toEqual([{ id: res.body.id, theme: "電子申請の導入手順", status: "planned" }]);
    expect(detail.body.abilities.canStartSupport).toBe(false);
    expect(detail.body.abilities.canLogTime).toBe(true);
    const town = await env.as("kaminoseki@example.jp");
    const townView = await town.get(`/api/support/engagements/${res.body.id}`);
    expect(townView.status).toBe(200);
    expect(townView.body.abilities.canLogTime).toBe(false);
    expect((await town.get(`/api/consultations/${id}`)).body.abilities.canLogTime).toBe(false);
    expect(townView.body.consultationId).toBe(id);
    expect((await town.get(`/api/consultations/${id}`)).body.engagements).toHaveLength(1);

    const before = await engagementCount();
    const again = await spec.post(`/api/consultations/${id}/support`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("既に伴走支援");
    expect(await engagementCount()).toBe(before);
  });
});
