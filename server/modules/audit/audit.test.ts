import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "../../../shared/dates/jst.js";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("audit log", () => {
  it("records who did what from where, and filters by actor, event and date", async () => {
    const sec = await env.as("secretariat@example.jp");
    await sec.patch(`/api/orgs/${env.demo.orgs["阿武町"]}`, { population: 3100 });
    const res = await sec.get(`/api/audit?event=org.&actorUserId=${env.demo.users["secretariat@example.jp"]}`);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      event: "org.update",
      subjectType: "org",
      subjectId: env.demo.orgs["阿武町"],
      actor: { name: "県 事務局 担当" },
      orgName: "山口県",
      ip: "127.0.0.1",
      changes: { population: [3056, 3100] },
    });
    expect(res.body.items[0].userAgent).toBeTruthy();
    const today = jstDate(); // the filter's days are Japan days
    expect((await sec.get(`/api/audit?from=${today}&to=${today}`)).body.total).toBeGreaterThan(0);
    expect((await sec.get("/api/audit?from=2000-01-01&to=2000-01-02")).body.total).toBe(0);
  });

  it("exports CSV with a BOM for Excel", async () => {
    const admin = await env.as("admin@example.jp");
    const res = await admin.get("/api/audit/export.csv?event=org.update");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    expect(res.text).toContain("日時（日本時間）,操作者,団体");
    expect(res.text).toContain("org.update");
  });

  it("is closed to municipal users (403) and to visitors (401)", async () => {
    const abu = await env.as("abu@example.jp");
    expect((await abu.get("/api/audit")).status).toBe(403);
    expect((await abu.get("/api/audit/export.csv")).status).toBe(403);
    expect((await env.anon.get("/api/audit")).status).toBe(401);
  });
});
