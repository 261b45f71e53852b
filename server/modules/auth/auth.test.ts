import { beforeAll, describe, expect, it } from "vitest";
import { auditMark, auditSince, DEMO_PASSWORD, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { currentTotp } from "./two-factor.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ LOGIN_MAX_FAILURES: "3" });
});

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, headers });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");

describe("sign-in", () => {
  it("sets an httpOnly SameSite=Lax session cookie and returns the user", async () => {
    const res = await login("abu@example.jp", DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === "renkei_session")!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe("Lax");
    expect(res.json().user).toMatchObject({
      email: "abu@example.jp",
      role: "municipal",
      isOrgAdmin: true,
      org: { name: "阿武町" },
    });
    const me = await env.app.inject({ method: "GET", url: "/api/me", headers: { cookie: cookieOf(res) } });
    expect(me.json().user.email).toBe("abu@example.jp");
    expect((await lastAudit(env, "auth.login"))?.subject_id).toBe(env.demo.users["abu@example.jp"]);
  });

  it("answers /api/me from the session's own read, as the sign-in did, and shows a change of name, language or organisation at once", async () => {
    const res = await login("mine@example.jp", DEMO_PASSWORD);
    const cookie = cookieOf(res);
    const get = async () => (await env.app.inject({ method: "GET", url: "/api/me", headers: { cookie } })).json();
    const { mfaRequired: _, ...signedIn } = res.json();
    expect(await get()).toEqual(signedIn);
    const client = await env.as("mine@example.jp");
    expect((await client.patch("/api/me", { name: "秋芳 みほ", locale: "en" })).status).toBe(200);
    const orgId = env.demo.orgs.美祢市!;
    await env.database.db.updateTable("orgs").set({ name: "美祢市（改称）" }).where("id", "=", orgId).execute();
    try {
      const after = await get();
      expect(after.user).toMatchObject({ name: "秋芳 みほ", locale: "en", org: { id: orgId, name: "美祢市（改称）" } });
      expect(after.csrfToken).toBe(res.json().csrfToken);
    } finally {
      await env.database.db.updateTable("orgs").set({ name: "美祢市" }).where("id", "=", orgId).execute();
    }
  });

  it("answers the same 401 for an unknown address and a wrong password", async () => {
    const a = await login("nobody@example.jp", "whatever-Password1");
    const b = await login("shunan@example.jp", "wrong-Password-1");
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message).toBe(b.json().error.message);
  });

  it("rejects a malformed body with field errors", async () => {
    const res = await env.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "not-an-email" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    const paths = res.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("locks the account after repeated failures until an admin unlocks it", async () => {
    const mark = await auditMark(env);
    for (let i = 0; i < 3; i++) await login("hagi@example.jp", "wrong-Password-1");
    const locked = await login("hagi@example.jp", DEMO_PASSWORD);
    expect(locked.statusCode).toBe(401);
    // The same answer as for an address that has no account: the lock does not reveal the account.
    expect(locked.json().error).toEqual((await login("nobody-hagi@example.jp", DEMO_PASSWORD)).json().error);
    expect(await auditSince(env, mark, "user.lock")).toEqual([
      { actor: null, subject: { type: "user", id: env.demo.users["hagi@example.jp"] }, changes: { failures: 3 } },
    ]);

    const admin = await env.as("admin@example.jp");
    const hagiId = env.demo.users["hagi@example.jp"];
    const unlocked = await admin.post(`/api/users/${hagiId}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.locked).toBe(false);
    expect((await login("hagi@example.jp", DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it("rate-limits repeated attempts on one account", async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await login("ube@example.jp", `wrong-${i}-Password`)).statusCode;
    expect(last).toBe(429);
  });
});

describe("CSRF and sessions", () => {
  it("refuses a cookie-authenticated mutation without the CSRF token, and any cross-site one", async () => {
    const res = await login("secretariat@example.jp", DEMO_PASSWORD);
    const cookie = cookieOf(res);
    const body = { kind: "hq", name: "テスト本部" };
    const noToken = await env.app.inject({ method: "POST", url: "/api/bodies", headers: { cookie }, payload: body });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("CSRF_FAILED");
    const crossSite = await env.app.inject({
      method: "POST",
      url: "/api/bodies",
      headers: { cookie, "x-csrf-token": res.json().csrfToken, "sec-fetch-site": "cross-site" },
      payload: body,
    });
    expect(crossSite.statusCode).toBe(403);
    const ok = await env.app.inject({
      method: "POST",
      url: "/api/bodies",
      headers: { cookie, "x-csrf-token": res.json().csrfToken },
      payload: body,
    });
    expect(ok.statusCode).toBe(201);
  });

  it("signs out here, and everywhere", async () => {
    const one = await login("yamaguchi2@example.jp", DEMO_PASSWORD);
    const two = await login("yamaguchi2@example.jp", DEMO_PASSWORD);
    const out = await env.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: cookieOf(one) } });
    expect(out.statusCode).toBe(200);
    expect((await env.app.inject({ method: "GET", url: "/api/me", headers: { cookie: cookieOf(one) } })).statusCode).toBe(401);
    expect((await env.app.inject({ method: "GET", url: "/api/me", headers: { cookie: cookieOf(two) } })).statusCode).toBe(200);

    const three = await login("yamaguchi2@example.jp", DEMO_PASSWORD);
    const mark = await auditMark(env);
    const all = await env.app.inject({
      method: "POST",
      url: "/api/auth/logout-all",
      headers: { cookie: cookieOf(three), "x-csrf-token": three.json().csrfToken },
    });
    expect(all.statusCode).toBe(200);
    const yamaguchi2 = env.demo.users["yamaguchi2@example.jp"];
    expect(await auditSince(env, mark, "auth.logoutAll")).toEqual([
      { actor: yamaguchi2, subject: { type: "user", id: yamaguchi2 }, changes: null },
    ]);
    for (const r of [two, three])
      expect((await env.app.inject({ method: "GET", url: "/api/me", headers: { cookie: cookieOf(r) } })).statusCode).toBe(401);
  });

  it("answers 401 without a session on protected routes and JSON 404 on unknown API routes", async () => {
    expect((await env.anon.get("/api/me")).status).toBe(401);
    const unknown = await env.anon.get("/api/no-such-thing");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
  });

  it("answers 401, not a validation error, to a write without a session whatever its body holds", async () => {
    const res = await env.app.inject({ method: "POST", url: "/api/consultations", payload: { title: 42, nothing: "\u0000" } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(res.json())).not.toContain("title");
  });
});

describe("password reset and invitation by e-mail link", () => {
  const linkIn = async (to: string, path: string) => {
    const mail = await env.database.db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("to_address", "=", to)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const m = mail.text.match(new RegExp(`${path}/([A-Za-z0-9_-]+)`));
    return m![1]!;
  };

  it("resets a password through the e-mailed link, once", async () => {
    const req = await env.anon.post("/api/auth/password-reset", { email: "nagato@example.jp" });
    expect(req.status).toBe(202);
    expect((await env.anon.post("/api/auth/password-reset", { email: "unknown@example.jp" })).status).toBe(202);
    const token = await linkIn("nagato@example.jp", "/reset-password");
    const weak = await env.anon.post("/api/auth/password-reset/confirm", { token, password: "short" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.issues[0].path).toBe("password");
    const ok = await env.anon.post("/api/auth/password-reset/confirm", { token, password: "Sea-Of-Japan-2026" });
    expect(ok.status).toBe(200);
    expect((await login("nagato@example.jp", "Sea-Of-Japan-2026")).statusCode).toBe(200);
    const again = await env.anon.post("/api/auth/password-reset/confirm", { token, password: "Another-Pass-2026" });
    expect(again.status).toBe(410);
  });

  it("lets an org admin invite a colleague of the same organisation only", async () => {
    const abu = await env.as("abu@example.jp");
    const orgs = env.demo.orgs;
    const other = await abu.post("/api/users", {
      email: "x@example.jp",
      name: "他町 職員",
      role: "municipal",
      orgId: orgs["周南市"],
    });
    expect(other.status).toBe(403);
    const asAdmin = await abu.post("/api/users", { email: "x@example.jp", name: "昇格", role: "admin", orgId: orgs["阿武町"] });
    expect(asAdmin.status).toBe(403);
    const res = await abu.post("/api/users", {
      email: "abu3@example.jp",
      name: "阿武 新人",
      role: "municipal",
      orgId: orgs["阿武町"],
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("invited");
    expect((await lastAudit(env, "user.invite"))?.subject_id).toBe(res.body.id);

    const token = await linkIn("abu3@example.jp", "/invitation");
    const info = await env.anon.get(`/api/auth/invitation/${token}`);
    expect(info.body).toEqual({ email: "abu3@example.jp", name: "阿武 新人", orgName: "阿武町" });
    const accepted = await env.app.inject({
      method: "POST",
      url: "/api/auth/invitation/accept",
      payload: { token, password: "Abu-Newcomer-2026" },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user.org.name).toBe("阿武町");
    expect((await login("abu3@example.jp", "Abu-Newcomer-2026")).statusCode).toBe(200);
  });

  it("refuses an expired invitation", async () => {
    const admin = await env.as("admin@example.jp");
    await admin.post("/api/users", {
      email: "late@example.jp",
      name: "遅延 太郎",
      role: "observer",
      orgId: env.demo.orgs["総務省"],
    });
    const token = await linkIn("late@example.jp", "/invitation");
    await env.database.db
      .updateTable("user_tokens")
      .set({ expires_at: "2000-01-01T00:00:00.000Z" })
      .where("kind", "=", "invite")
      .execute();
    expect((await env.anon.get(`/api/auth/invitation/${token}`)).status).toBe(410);
  });
});

describe("two-factor", () => {
  it("enrols, then asks for the code at sign-in", async () => {
    const me = await env.as("specialist@example.jp");
    const setup = await me.post("/api/me/totp/setup");
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await me.post("/api/me/totp/enable", { code: "000000" });
    expect(wrong.status).toBe(400);
    const enabled = await me.post("/api/me/totp/enable", { code: currentTotp(setup.body.secret) });
    expect(enabled.status).toBe(200);
    expect(enabled.body.user.twoFactorEnabled).toBe(true);

    const first = await login("specialist@example.jp", DEMO_PASSWORD);
    expect(first.json()).toMatchObject({ mfaRequired: true });
    const cookie = cookieOf(first);
    expect((await env.app.inject({ method: "GET", url: "/api/bodies", headers: { cookie } })).statusCode).toBe(401);
    const verified = await env.app.inject({
      method: "POST",
      url: "/api/auth/totp",
      headers: { cookie, "x-csrf-token": first.json().csrfToken },
      payload: { code: currentTotp(setup.body.secret, 1) },
    });
    expect(verified.statusCode).toBe(200);
    expect((await env.app.inject({ method: "GET", url: "/api/bodies", headers: { cookie } })).statusCode).toBe(200);
  });

  it("can be made mandatory for prefecture staff", async () => {
    const admin = await env.as("admin@example.jp");
    const mun = await env.as("shunan@example.jp");
    expect((await mun.patch("/api/settings", { requireTwoFactorForStaff: true })).status).toBe(403);
    expect((await admin.patch("/api/settings", { requireTwoFactorForStaff: true })).status).toBe(200);
    const sec = await env.as("secretariat@example.jp");
    const blocked = await sec.get("/api/orgs");
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.details.reason).toBe("two_factor_enrollment_required");
    expect((await sec.get("/api/me")).body.mustEnrollTwoFactor).toBe(true);
    expect((await mun.get("/api/orgs")).status).toBe(200);
    await env.database.db.updateTable("settings").set({ value: "false" }).where("key", "=", "requireTwoFactorForStaff").execute();
  });
});
