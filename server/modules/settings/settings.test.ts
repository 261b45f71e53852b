import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("settings", () => {
  it("moves the small-municipality threshold, and the flag follows", async () => {
    const admin = await env.as("admin@example.jp");
    const waki = () => admin.get(`/api/orgs/${env.demo.orgs["和木町"]}`); // 6,034 people
    expect((await waki()).body.isSmall).toBe(true);
    const res = await admin.patch("/api/settings", { smallMunicipalityThreshold: 5000 });
    expect(res.body.smallMunicipalityThreshold).toBe(5000);
    expect((await waki()).body.isSmall).toBe(false);
    expect((await lastAudit(env, "settings.update"))?.changes).toContain("5000");
    expect((await admin.patch("/api/settings", { smallMunicipalityThreshold: -1 })).status).toBe(400);
  });

  it("is read by members, changed by admins only", async () => {
    expect((await env.anon.get("/api/settings")).status).toBe(401);
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.get("/api/settings")).status).toBe(200);
    expect((await sec.patch("/api/settings", { smallMunicipalityThreshold: 1 })).status).toBe(403);
  });
});
