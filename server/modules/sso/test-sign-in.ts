import { expect } from "vitest";
import { auditSince, type TestEnv } from "../../platform/testing/harness.js";

/**
 * The account side every sign-in test checks the same way, whatever the protocol (OpenID Connect in sso.test.ts,
 * SAML in saml.test.ts): the session a sign-in left, who it signed in as, and the account it created.
 */

/** The session cookies a sign-in set, as a Cookie header; "" when it set none. */
export const sessionCookie = (cookies: { name: string; value: string }[]) =>
  cookies
    .filter((c) => c.name.startsWith("renkei_") && c.value)
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");

/** GET /api/me with a session's cookies. */
export const me = (env: TestEnv, cookie: string) => env.app.inject({ method: "GET", url: "/api/me", headers: { cookie } });

/**
 * A first sign-in created a municipal clerk's account in 阿武町 (from the organisation-code claim or attribute):
 * the session is that person's, and one auth.ssoLogin row after `mark` records the creation. Returns the account's id.
 */
export async function expectNewAbuClerk(
  env: TestEnv,
  session: string,
  mark: number,
  who: { email: string; name: string; provider: string; sub: string },
): Promise<string> {
  const res = await me(env, session);
  expect(res.statusCode).toBe(200);
  expect(res.json().user).toMatchObject({
    email: who.email,
    name: who.name,
    role: "municipal",
    isOrgAdmin: false,
    org: { name: "阿武町" },
  });
  const id = res.json().user.id as string;
  expect(await auditSince(env, mark, "auth.ssoLogin")).toEqual([
    {
      actor: null,
      subject: { type: "user", id },
      changes: {
        provider: who.provider,
        sub: who.sub,
        mfa: false,
        created: { orgId: env.demo.orgs["阿武町"], role: "municipal", isOrgAdmin: false },
      },
    },
  ]);
  return id;
}
