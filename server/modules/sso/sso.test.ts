import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditMark, auditSince, type TestEnv, testEnv, userCount } from "../../platform/testing/harness.js";
import { startTestProvider, type TestAccount, type TestProvider } from "../../platform/testing/oidc-provider.js";
import { newTotpSecret } from "../auth/two-factor.js";
import { expectNewAbuClerk, me, sessionCookie } from "./test-sign-in.js";

const PUBLIC = "http://localhost:3000";
let idp: TestProvider;
let env: TestEnv;

beforeAll(async () => {
  idp = await startTestProvider({
    redirectUris: [`${PUBLIC}/api/auth/oidc/pref/callback`, `${PUBLIC}/api/auth/oidc/lgwan/callback`],
    postLogoutRedirectUris: [`${PUBLIC}/login`],
  });
  const provider = (id: string) => ({
    [`OIDC_${id}_ISSUER`]: idp.issuer,
    [`OIDC_${id}_CLIENT_ID`]: idp.clientId,
    [`OIDC_${id}_CLIENT_SECRET`]: idp.clientSecret,
    [`OIDC_${id}_ALLOW_HTTP`]: "true",
  });
  env = await testEnv({
    PUBLIC_URL: PUBLIC,
    OIDC_PROVIDERS: "pref,lgwan",
    ...provider("PREF"),
    OIDC_PREF_LABEL: "県庁アカウントでログイン",
    OIDC_PREF_ORG_CLAIM: "lg_code",
    OIDC_PREF_RULES: "groups=renkei-secretariat => org=350001, role=secretariat; groups=town-admins => orgAdmin",
    ...provider("LGWAN"),
    OIDC_LGWAN_LABEL: "LGWAN認証基盤でログイン",
    OIDC_LGWAN_DEFAULT_ORG: "352021",
    OIDC_LGWAN_CREATE_USERS: "false",
  });
});
afterAll(async () => {
  await idp.close();
});

/**
 * Drives a sign-in as a browser would: Renkei's start route, the provider's authorisation and
 * interaction (completed at once by the test provider), then Renkei's callback with the browser's cookie.
 */
async function signIn(provider: string, account: TestAccount, returnTo = "/meetings") {
  idp.next(account);
  const start = await env.app.inject({
    method: "GET",
    url: `/api/auth/oidc/${provider}/start?returnTo=${encodeURIComponent(returnTo)}`,
  });
  expect(start.statusCode).toBe(302);
  const pending = start.cookies.find((c) => c.name === "renkei_sso")!;
  expect(pending.httpOnly).toBe(true);
  const jar = new Map<string, string>();
  let url = new URL(String(start.headers.location));
  expect(url.origin).toBe(idp.issuer);
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  expect(url.searchParams.get("nonce")).toBeTruthy();
  expect(url.searchParams.get("state")).toBeTruthy();
  for (let hop = 0; url.origin === idp.issuer; hop++) {
    if (hop > 10) throw new Error("too many redirects at the provider");
    const res = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`provider answered ${res.status} without a redirect: ${await res.text()}`);
    url = new URL(location, url);
  }
  const callback = `${url.pathname}${url.search}`;
  const pendingCookie = `renkei_sso=${pending.value}`;
  const done = await env.app.inject({ method: "GET", url: callback, headers: { cookie: pendingCookie } });
  return {
    done,
    callback,
    pendingCookie,
    session: sessionCookie(done.cookies),
  };
}

describe("OpenID Connect sign-in", () => {
  it("lists the providers' buttons for the sign-in page", async () => {
    const res = await env.anon.get("/api/auth/providers");
    expect(res.body.items).toEqual([
      { id: "pref", label: "県庁アカウントでログイン", startUrl: "/api/auth/oidc/pref/start" },
      { id: "lgwan", label: "LGWAN認証基盤でログイン", startUrl: "/api/auth/oidc/lgwan/start" },
    ]);
  });

  it("creates the account on first sign-in in the organisation of its code claim, and signs in", async () => {
    const mark = await auditMark(env);
    const { done, session } = await signIn("pref", {
      sub: "abu-clerk-1",
      claims: { email: "Tanaka@Town.Abu.example.jp", email_verified: true, name: "田中 一郎", lg_code: "355020" },
    });
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe("/meetings");
    const id = await expectNewAbuClerk(env, session, mark, {
      email: "tanaka@town.abu.example.jp",
      name: "田中 一郎",
      provider: "pref",
      sub: "abu-clerk-1",
    });
    // A second sign-in finds the same account by the provider's subject.
    const again = await signIn("pref", {
      sub: "abu-clerk-1",
      claims: { email: "renamed@town.abu.example.jp", lg_code: "355020" },
    });
    expect((await me(env, again.session)).json().user.id).toBe(id);
  });

  it("maps groups to organisation, role and org-admin flag, and reviews them at every sign-in", async () => {
    const secretariat = await signIn("pref", {
      sub: "pref-staff-1",
      claims: { email: "sato@pref.example.jp", name: "佐藤 次郎", groups: ["all-staff", "renkei-secretariat"] },
      amr: ["pwd", "mfa"],
    });
    expect((await me(env, secretariat.session)).json()).toMatchObject({
      user: { role: "secretariat", org: { name: "山口県" }, isOrgAdmin: false },
      mustEnrollTwoFactor: false,
    });
    // The town's admin group: org admin of the town named by the code claim.
    const admin = await signIn("pref", {
      sub: "abu-admin-1",
      claims: { email: "admin@town.abu.example.jp", name: "阿武 管理", lg_code: "355020", groups: ["town-admins"] },
    });
    expect((await me(env, admin.session)).json().user).toMatchObject({
      role: "municipal",
      isOrgAdmin: true,
      org: { name: "阿武町" },
    });

    // Moved to another town in the directory: the next sign-in moves the account, audited.
    const mark = await auditMark(env);
    const moved = await signIn("pref", {
      sub: "abu-admin-1",
      claims: { email: "admin@town.abu.example.jp", lg_code: "352021", groups: [] },
    });
    expect((await me(env, moved.session)).json().user).toMatchObject({ isOrgAdmin: false, org: { name: "宇部市" } });
    const [row] = await auditSince(env, mark, "auth.ssoLogin");
    expect(row!.changes).toMatchObject({
      org_id: { before: env.demo.orgs["阿武町"], after: env.demo.orgs["宇部市"] },
      is_org_admin: { before: 1, after: 0 },
    });
  });

  it("trusts the provider's MFA only when amr says so; otherwise staff still meet Renkei's two-factor rule", async () => {
    const admin = await env.as("admin@example.jp");
    expect((await admin.patch("/api/settings", { requireTwoFactorForStaff: true })).status).toBe(200);
    try {
      const withMfa = await signIn("pref", {
        sub: "pref-staff-2",
        claims: { email: "mfa@pref.example.jp", groups: ["renkei-secretariat"] },
        amr: ["mfa"],
      });
      expect((await me(env, withMfa.session)).json().mustEnrollTwoFactor).toBe(false);
      expect((await env.app.inject({ method: "GET", url: "/api/home", headers: { cookie: withMfa.session } })).statusCode).toBe(
        200,
      );

      const without = await signIn("pref", {
        sub: "pref-staff-3",
        claims: { email: "pwd@pref.example.jp", groups: ["renkei-secretariat"] },
        amr: ["pwd"],
      });
      expect((await me(env, without.session)).json().mustEnrollTwoFactor).toBe(true);
      const home = await env.app.inject({ method: "GET", url: "/api/home", headers: { cookie: without.session } });
      expect(home.statusCode).toBe(403);
      expect(home.json().error.details.reason).toBe("two_factor_enrollment_required");

      // Once enrolled in Renkei's two-factor, a sign-in without the provider's MFA asks for the code.
      await env.database.db
        .updateTable("users")
        .set({ totp_enabled: 1, totp_secret: newTotpSecret() })
        .where("email", "=", "pwd@pref.example.jp")
        .execute();
      const codeAsked = await signIn("pref", {
        sub: "pref-staff-3",
        claims: { email: "pwd@pref.example.jp", groups: ["renkei-secretariat"] },
      });
      expect(codeAsked.done.headers.location).toBe("/login/two-factor");
      expect((await me(env, codeAsked.session)).json().error.code).toBe("MFA_REQUIRED");
      const trusted = await signIn("pref", {
        sub: "pref-staff-3",
        claims: { email: "pwd@pref.example.jp", groups: ["renkei-secretariat"] },
        amr: ["mfa"],
      });
      expect(trusted.done.headers.location).toBe("/meetings");
      expect((await me(env, trusted.session)).statusCode).toBe(200);
    } finally {
      await admin.patch("/api/settings", { requireTwoFactorForStaff: false });
    }
  });

  it("refuses claims that map to no organisation, on the sign-in page, creating nothing", async () => {
    const before = await userCount(env);
    const mark = await auditMark(env);
    const { done } = await signIn("pref", { sub: "nowhere-1", claims: { email: "nowhere@example.jp", lg_code: "999999" } });
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe("/login?sso=no_org");
    expect(done.cookies.find((c) => c.name === "renkei_session" && c.value)).toBeUndefined();
    expect(await userCount(env)).toBe(before);
    expect(await auditSince(env, mark, "auth.ssoRefused")).toEqual([
      {
        actor: null,
        subject: { type: "sso", id: "pref" },
        changes: { reason: "no_org", sub: "nowhere-1", email: "nowhere@example.jp", orgCode: "999999" },
      },
    ]);
  });

  it("with pre-registered users only, refuses a stranger and links a registered address", async () => {
    const before = await userCount(env);
    const stranger = await signIn("lgwan", { sub: "ube-new", claims: { email: "new@city.ube.example.jp" } });
    expect(stranger.done.headers.location).toBe("/login?sso=not_registered");
    expect(await userCount(env)).toBe(before);

    // ube@example.jp is registered in the demo council (宇部市).
    const known = await signIn("lgwan", { sub: "ube-known", claims: { email: "ube@example.jp", email_verified: true } });
    expect(known.done.headers.location).toBe("/meetings");
    expect((await me(env, known.session)).json().user).toMatchObject({ email: "ube@example.jp", org: { name: "宇部市" } });
    expect(await userCount(env)).toBe(before);
  });

  it("refuses a disabled account", async () => {
    const admin = await env.as("admin@example.jp");
    const id = env.demo.users["mine@example.jp"];
    expect((await admin.patch(`/api/users/${id}`, { status: "disabled" })).status).toBe(200);
    const { done } = await signIn("lgwan", { sub: "mine-1", claims: { email: "mine@example.jp" } });
    expect(done.headers.location).toBe("/login?sso=disabled");
  });

  describe("refuses a token that fails a check, and writes nothing", () => {
    const cases: [string, Parameters<TestProvider["tamper"]>[0]][] = [
      ["signed with a key other than the published one", { otherKey: true }],
      ["for another audience", { claims: (p) => ({ ...p, aud: "someone-else" }) }],
      ["from another issuer", { claims: (p) => ({ ...p, iss: "https://idp.example.jp" }) }],
      [
        "expired",
        { claims: (p) => ({ ...p, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }) },
      ],
      ["carrying another sign-in's nonce", { claims: (p) => ({ ...p, nonce: "a-nonce-of-another-sign-in" }) }],
    ];
    for (const [name, tamper] of cases)
      it(name, async () => {
        idp.tamper(tamper);
        try {
          const before = await userCount(env);
          const mark = await auditMark(env);
          const { done } = await signIn("pref", {
            sub: `tamper-${name}`,
            claims: { email: `t${before}@town.abu.example.jp`, lg_code: "355020" },
          });
          expect(done.headers.location).toBe("/login?sso=failed");
          expect(done.cookies.find((c) => c.name === "renkei_session" && c.value)).toBeUndefined();
          expect(await userCount(env)).toBe(before);
          const [row] = await auditSince(env, mark, "auth.ssoRefused");
          expect(row!.changes.reason).toBe("failed");
          expect(await auditSince(env, mark, "auth.ssoLogin")).toEqual([]);
        } finally {
          idp.tamper(null);
        }
      });
  });

  it("refuses a replayed callback (state and nonce are used once) and one from another browser", async () => {
    const first = await signIn("pref", { sub: "replay-1", claims: { email: "replay@town.abu.example.jp", lg_code: "355020" } });
    expect(first.done.headers.location).toBe("/meetings");
    const replay = await env.app.inject({ method: "GET", url: first.callback, headers: { cookie: first.pendingCookie } });
    expect(replay.headers.location).toBe("/login?sso=expired");
    expect(replay.cookies.find((c) => c.name === "renkei_session" && c.value)).toBeUndefined();

    // A callback carried to a browser that did not start the sign-in (no pending cookie) is refused too.
    idp.next({ sub: "replay-2", claims: { email: "replay2@town.abu.example.jp", lg_code: "355020" } });
    const stolen = await env.app.inject({ method: "GET", url: first.callback });
    expect(stolen.headers.location).toBe("/login?sso=expired");
  });

  it("signs out at the provider too (RP-initiated logout with the ID token as hint)", async () => {
    const { session } = await signIn("pref", {
      sub: "logout-1",
      claims: { email: "logout@town.abu.example.jp", lg_code: "355020" },
    });
    const csrf = /renkei_csrf=([^;]+)/.exec(session)![1]!;
    const out = await env.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: session, "x-csrf-token": csrf },
    });
    expect(out.statusCode).toBe(200);
    const to = new URL(out.json().redirectTo);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe(`${PUBLIC}/login`);
    expect(to.searchParams.get("id_token_hint")).toMatch(/^ey/);
    expect((await me(env, session)).statusCode).toBe(401);
    // A password session has no provider to sign out of.
    const pw = await env.as("abu2@example.jp");
    const plain = await pw.post("/api/auth/logout");
    expect(plain.body).toEqual({ ok: true });
  });

  it("answers 404 for an unknown provider", async () => {
    const res = await env.app.inject({ method: "GET", url: "/api/auth/oidc/nope/start" });
    expect(res.statusCode).toBe(404);
  });
});
