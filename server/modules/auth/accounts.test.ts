import { beforeAll, describe, expect, it } from "vitest";
import { auditMark, auditSince, DEMO_PASSWORD, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { notifyDormant } from "./accounts.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ ACCOUNT_DORMANT_DAYS: "90" });
});

/** A fresh password session of a demo user (its own cookie), besides the harness's cached one. */
async function newSession(email: string) {
  const res = await env.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: DEMO_PASSWORD } });
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join("; "), csrf: res.json().csrfToken as string };
}
const me = (cookie: string) => env.app.inject({ method: "GET", url: "/api/me", headers: { cookie } });
const daysAgo = (d: number) => new Date(Date.now() - d * 86400_000).toISOString();
const setLastSeen = (email: string, at: string) =>
  env.database.db.updateTable("users").set({ last_seen_at: at }).where("email", "=", email).execute();

describe("sessions per user", () => {
  it("lists one's own sessions, marks the current one, and ends another one", async () => {
    const other = await newSession("yamaguchi2@example.jp");
    const client = await env.as("yamaguchi2@example.jp");
    const id = env.demo.users["yamaguchi2@example.jp"]!;
    const list = await client.get(`/api/users/${id}/sessions`);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(2);
    expect(list.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const mine = list.body.items.find((s: { current: boolean }) => s.current);
    const target = list.body.items.find((s: { current: boolean }) => !s.current);
    expect(target).toMatchObject({ provider: null, expiresAt: expect.any(String) });

    const mark = await auditMark(env);
    expect((await client.delete(`/api/users/${id}/sessions/${target.id}`)).status).toBe(200);
    expect((await me(other.cookie)).statusCode).toBe(401);
    expect((await client.get("/api/me")).status).toBe(200);
    expect(await auditSince(env, mark, "session.revoke")).toEqual([
      { actor: id, subject: { type: "user", id }, changes: { session: target.id.slice(0, 12) } },
    ]);
    // Ending it again, or a session of someone else through one's own id, is a 404.
    expect((await client.delete(`/api/users/${id}/sessions/${target.id}`)).status).toBe(404);
    expect(mine.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lets the organisation's administrator end a colleague's session, audited with the administrator as actor", async () => {
    const colleague = await newSession("abu2@example.jp");
    const admin = await env.as("abu@example.jp");
    const id = env.demo.users["abu2@example.jp"]!;
    const list = await admin.get(`/api/users/${id}/sessions`);
    expect(list.status).toBe(200);
    expect(list.body.items.every((s: { current: boolean }) => !s.current)).toBe(true);
    const mark = await auditMark(env);
    for (const s of list.body.items) expect((await admin.delete(`/api/users/${id}/sessions/${s.id}`)).status).toBe(200);
    expect((await me(colleague.cookie)).statusCode).toBe(401);
    const rows = await auditSince(env, mark, "session.revoke");
    expect(rows.length).toBe(list.body.items.length);
    expect(rows.every((r) => r.actor === env.demo.users["abu@example.jp"])).toBe(true);
  });

  it("answers 401 signed out, 404 across organisations or for a colleague, 403 for staff who may see but not manage", async () => {
    await newSession("shunan@example.jp");
    const id = env.demo.users["shunan@example.jp"]!;
    expect((await env.anon.get(`/api/users/${id}/sessions`)).status).toBe(401);
    // Another town's administrator: the user is not theirs to see.
    const otherTown = await env.as("abu@example.jp");
    expect((await otherTown.get(`/api/users/${id}/sessions`)).status).toBe(404);
    const list = await (await env.as("admin@example.jp")).get(`/api/users/${id}/sessions`);
    expect(list.status).toBe(200);
    const sid = list.body.items[0].id;
    expect((await otherTown.delete(`/api/users/${id}/sessions/${sid}`)).status).toBe(404);
    // A colleague without the administrator flag.
    const colleague = await env.as("yamaguchi2@example.jp");
    expect((await colleague.get(`/api/users/${env.demo.users["yamaguchi@example.jp"]}/sessions`)).status).toBe(404);
    // The secretariat sees every user but does not manage their sessions.
    const secretariat = await env.as("secretariat@example.jp");
    expect((await secretariat.get(`/api/users/${id}/sessions`)).status).toBe(403);
    expect((await secretariat.delete(`/api/users/${id}/sessions/${sid}`)).status).toBe(403);
    expect((await (await env.as("admin@example.jp")).delete(`/api/users/${id}/sessions/${"0".repeat(64)}`)).status).toBe(404);
  });
});

describe("accounts left unused", () => {
  it("lists them to the organisation's administrator (own organisation) and the system administrator (all)", async () => {
    await setLastSeen("kaminoseki@example.jp", daysAgo(200));
    await setLastSeen("mine@example.jp", daysAgo(91));
    await setLastSeen("ube@example.jp", daysAgo(30));
    const all = await (await env.as("admin@example.jp")).get("/api/accounts/dormant");
    expect(all.status).toBe(200);
    expect(all.body.days).toBe(90);
    const emails = all.body.items.map((u: { email: string }) => u.email);
    expect(emails).toEqual(expect.arrayContaining(["kaminoseki@example.jp", "mine@example.jp"]));
    expect(emails).not.toContain("ube@example.jp");

    const mine = await env.as("mine@example.jp"); // signing in uses the account again
    const own = await mine.get("/api/accounts/dormant");
    expect(own.status).toBe(200);
    expect(own.body.items.map((u: { email: string }) => u.email)).toEqual([]);
    await setLastSeen("yamaguchi2@example.jp", daysAgo(120));
    const yamaguchiView = await (await env.as("yamaguchi@example.jp")).get("/api/accounts/dormant");
    expect(yamaguchiView.body.items.map((u: { email: string; org: { name: string } }) => [u.email, u.org.name])).toEqual([
      ["yamaguchi2@example.jp", "山口市"],
    ]);

    expect((await env.anon.get("/api/accounts/dormant")).status).toBe(401);
    expect((await (await env.as("yamaguchi2@example.jp")).get("/api/accounts/dormant")).status).toBe(403);
    expect((await (await env.as("secretariat@example.jp")).get("/api/accounts/dormant")).status).toBe(403);
  });

  it("notifies the organisation's administrators once, when an account crosses the limit", async () => {
    await setLastSeen("abu2@example.jp", daysAgo(90.5));
    const mark = await auditMark(env);
    expect(await notifyDormant(env.ctx)).toBeGreaterThanOrEqual(1);
    const abuAdmin = env.demo.users["abu@example.jp"]!;
    const notes = await env.database.db
      .selectFrom("notifications")
      .selectAll()
      .where("user_id", "=", abuAdmin)
      .where("category", "=", "account")
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toBe("90日以上利用されていないアカウントがあります（1件）");
    expect(notes[0]!.body).toContain("奈古 誠");
    expect(await auditSince(env, mark, "account.dormantNotified")).toContainEqual({
      actor: null,
      subject: { type: "org", id: env.demo.orgs["阿武町"] },
      changes: { count: 1 },
    });
    // The next day's run does not flag the same account again.
    expect(await notifyDormant(env.ctx, Date.now() + 86400_000)).toBe(0);
  });
});
