import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("users", () => {
  it("lists everyone to admin and secretariat, with paging", async () => {
    const sec = await env.as("secretariat@example.jp");
    const page = await sec.get("/api/users?limit=5&offset=0");
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(5);
    expect(page.body.total).toBeGreaterThan(20);
  });

  it("finds users by a part of the name or address, ignoring case, with % and _ taken literally", async () => {
    const sec = await env.as("secretariat@example.jp");
    const emails = async (q: string) =>
      (await sec.get(`/api/users?q=${encodeURIComponent(q)}&limit=100`)).body.items.map((u: { email: string }) => u.email);
    expect(await emails("SECRETARIAT@EXAMPLE")).toContain("secretariat@example.jp");
    expect(await emails("Secretariat")).toEqual(await emails("secretariat"));
    expect(await emails("%")).toEqual([]);
    expect(await emails("secretariat_example")).toEqual([]);
  });

  it("limits an org admin to their own organisation; other organisations' users are 404", async () => {
    const abu = await env.as("abu@example.jp");
    const list = await abu.get(`/api/users?orgId=${env.demo.orgs["周南市"]}`);
    expect(list.status).toBe(200);
    expect(new Set(list.body.items.map((u: { org: { name: string } }) => u.org.name))).toEqual(new Set(["阿武町"]));
    expect((await abu.get(`/api/users/${env.demo.users["shunan@example.jp"]}`)).status).toBe(404);
    expect((await abu.get(`/api/users/${env.demo.users["abu2@example.jp"]}`)).status).toBe(200);
  });

  it("401 without a session, 403 for a user who is not an org admin", async () => {
    expect((await env.anon.get("/api/users")).status).toBe(401);
    const abu2 = await env.as("abu2@example.jp");
    expect((await abu2.get("/api/users")).status).toBe(403);
  });

  it("lets an org admin disable a colleague but not change roles", async () => {
    const abu = await env.as("abu@example.jp");
    const id = env.demo.users["abu2@example.jp"];
    expect((await abu.patch(`/api/users/${id}`, { role: "admin" })).status).toBe(403);
    const disabled = await abu.patch(`/api/users/${id}`, { status: "disabled" });
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe("disabled");
    expect((await lastAudit(env, "user.update"))?.subject_id).toBe(id);
    const login = await env.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "abu2@example.jp", password: "Demo-Password-2026" },
    });
    expect(login.statusCode).toBe(401);
    await abu.patch(`/api/users/${id}`, { status: "active" });
  });

  it("lets the admin change a role, but not their own", async () => {
    const admin = await env.as("admin@example.jp");
    const res = await admin.patch(`/api/users/${env.demo.users["observer@example.jp"]}`, { role: "specialist" });
    expect(res.body.role).toBe("specialist");
    expect((await admin.patch(`/api/users/${env.demo.users["admin@example.jp"]}`, { role: "observer" })).status).toBe(400);
  });

  it("rejects an invitation to an address already registered", async () => {
    const admin = await env.as("admin@example.jp");
    const res = await admin.post("/api/users", {
      email: "abu@example.jp",
      name: "重複",
      role: "municipal",
      orgId: env.demo.orgs["阿武町"],
    });
    expect(res.status).toBe(409);
  });
});
