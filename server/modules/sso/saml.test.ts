import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { auditMark, auditSince, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { type AssertionInput, readAuthnRequest, selfSignedPair, testIdp } from "../../platform/testing/saml-idp.js";

const PUBLIC = "http://localhost:3000";
const ACS = `${PUBLIC}/api/auth/saml/pref/acs`;
const ENTITY = `${PUBLIC}/api/auth/saml/pref/metadata`;
const idp = testIdp();
const sp = selfSignedPair("renkei-sp");
let env: TestEnv;

beforeAll(async () => {
  env = await testEnv({
    PUBLIC_URL: PUBLIC,
    SAML_PROVIDERS: "pref",
    SAML_SP_KEY: sp.privateKey,
    SAML_SP_CERT: sp.certificate,
    SAML_PREF_LABEL: "県庁アカウント(SAML)でログイン",
    SAML_PREF_ENTRY_POINT: "https://idp.pref.example.jp/sso",
    SAML_PREF_IDP_ISSUER: idp.entityId,
    SAML_PREF_IDP_CERT: idp.certificate,
    SAML_PREF_ORG_ATTRIBUTE: "lgCode",
    SAML_PREF_RULES: "groups=renkei-secretariat => org=350001, role=secretariat; groups=town-admins => orgAdmin",
    SAML_PREF_MFA_CONTEXTS: "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
  });
});

type Person = Pick<AssertionInput, "nameId" | "attributes">;
type Change = Partial<Omit<AssertionInput, "inResponseTo" | "nameId" | "attributes">>;

/** Renkei's start route, the IdP (answering at once), then the IdP's form post to the ACS. */
async function signIn(person: Person, change: Change = {}, returnTo = "/meetings") {
  const start = await env.app.inject({
    method: "GET",
    url: `/api/auth/saml/pref/start?returnTo=${encodeURIComponent(returnTo)}`,
  });
  expect(start.statusCode).toBe(302);
  const to = new URL(String(start.headers.location));
  expect(to.origin + to.pathname).toBe("https://idp.pref.example.jp/sso");
  expect(to.searchParams.get("Signature")).toBeTruthy(); // the AuthnRequest is signed with the SP key
  const request = readAuthnRequest(to);
  expect(request.acsUrl).toBe(ACS);
  const SAMLResponse = idp.response({ inResponseTo: request.id, acsUrl: ACS, audience: ENTITY, ...person, ...change });
  const done = await post(SAMLResponse);
  return { done, SAMLResponse, session: cookieOf(done.cookies) };
}

const post = (SAMLResponse: string) =>
  env.app.inject({
    method: "POST",
    url: "/api/auth/saml/pref/acs",
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
    payload: new URLSearchParams({ SAMLResponse, RelayState: "" }).toString(),
  });
const cookieOf = (cookies: { name: string; value: string }[]) =>
  cookies
    .filter((c) => c.name.startsWith("renkei_") && c.value)
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
const me = (cookie: string) => env.app.inject({ method: "GET", url: "/api/me", headers: { cookie } });
const userCount = async () =>
  Number(
    (
      await env.database.db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const clerk: Person = {
  nameId: "abu-saml-1",
  attributes: { email: "Yamada@Town.Abu.example.jp", displayName: "山田 花子", lgCode: "355020" },
};

describe("SAML 2.0 sign-in", () => {
  it("shows the identity provider's button on the sign-in page", async () => {
    const res = await env.anon.get("/api/auth/providers");
    expect(res.body.items).toEqual([
      { id: "pref", label: "県庁アカウント(SAML)でログイン", startUrl: "/api/auth/saml/pref/start" },
    ]);
  });

  it("publishes SP metadata with the entity id, the ACS URL and the signing certificate", async () => {
    const res = await env.app.inject({ method: "GET", url: "/api/auth/saml/pref/metadata" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("xml");
    const errors: string[] = [];
    const doc = new DOMParser({ errorHandler: (_level: string, m: unknown) => errors.push(String(m)) }).parseFromString(
      res.body,
      "text/xml",
    );
    expect(errors).toEqual([]);
    const md = "urn:oasis:names:tc:SAML:2.0:metadata";
    expect(doc.documentElement!.getAttribute("entityID")).toBe(ENTITY);
    const acs = doc.getElementsByTagNameNS(md, "AssertionConsumerService")[0]!;
    expect(acs.getAttribute("Location")).toBe(ACS);
    expect(acs.getAttribute("Binding")).toBe("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
    const cert = doc
      .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate")[0]!
      .textContent!.replace(/\s/g, "");
    expect(sp.certificate.replace(/-----[A-Z ]+-----|\s/g, "")).toBe(cert);
  });

  it("signs in with a signed assertion: account created in the mapped organisation, audited", async () => {
    const mark = await auditMark(env);
    const { done, session } = await signIn(clerk);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/meetings");
    const res = await me(session);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      email: "yamada@town.abu.example.jp",
      name: "山田 花子",
      role: "municipal",
      isOrgAdmin: false,
      org: { name: "阿武町" },
    });
    const id = res.json().user.id;
    expect(await auditSince(env, mark, "auth.ssoLogin")).toEqual([
      {
        actor: null,
        subject: { type: "user", id },
        changes: {
          provider: "saml:pref",
          sub: "abu-saml-1",
          mfa: false,
          created: { orgId: env.demo.orgs["阿武町"], role: "municipal", isOrgAdmin: false },
        },
      },
    ]);
    // A signed response (rather than assertion) is accepted too, and finds the same account by its NameID.
    const again = await signIn(clerk, { sign: "response" });
    expect((await me(again.session)).json().user.id).toBe(id);
  });

  it("maps groups to organisation, role and org-admin flag, and trusts the IdP's two-factor context", async () => {
    const { session } = await signIn(
      {
        nameId: "pref-saml-1",
        attributes: { email: "suzuki@pref.example.jp", groups: ["all-staff", "renkei-secretariat", "town-admins"] },
      },
      { authnContext: "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract" },
    );
    expect((await me(session)).json()).toMatchObject({
      user: { role: "secretariat", org: { name: "山口県" }, isOrgAdmin: true },
      mustEnrollTwoFactor: false,
    });
  });

  it("refuses groups that map to no organisation, on the sign-in page, creating nothing", async () => {
    const before = await userCount();
    const mark = await auditMark(env);
    const { done } = await signIn({ nameId: "nowhere-saml", attributes: { email: "nowhere@example.jp", groups: ["all-staff"] } });
    expect(done.headers.location).toBe("/login?sso=no_org");
    expect(cookieOf(done.cookies)).toBe("");
    expect(await userCount()).toBe(before);
    expect(await auditSince(env, mark, "auth.ssoRefused")).toEqual([
      {
        actor: null,
        subject: { type: "sso", id: "saml:pref" },
        changes: { reason: "no_org", sub: "nowhere-saml", email: "nowhere@example.jp", orgCode: null },
      },
    ]);
  });

  it("refuses a replayed response (its request is used once)", async () => {
    const first = await signIn({
      nameId: "replay-saml",
      attributes: { email: "replay-saml@town.abu.example.jp", lgCode: "355020" },
    });
    expect(first.done.headers.location).toBe("/meetings");
    const mark = await auditMark(env);
    const replay = await post(first.SAMLResponse);
    expect(replay.headers.location).toBe("/login?sso=failed");
    expect(cookieOf(replay.cookies)).toBe("");
    const [row] = await auditSince(env, mark, "auth.ssoRefused");
    expect(row!.changes.error).toMatch(/InResponseTo/);
  });

  describe("refuses a response that fails a check, and writes nothing", () => {
    const other = selfSignedPair("someone-else");
    const person = (n: string): Person => ({
      nameId: `bad-${n}`,
      attributes: { email: `bad-${n}@town.abu.example.jp`, lgCode: "355020" },
    });
    const cases: [string, Change, RegExp][] = [
      ["unsigned", { sign: "none" }, /signature/i],
      ["signed with a key other than the IdP's", { otherKey: other.privateKey }, /signature/i],
      ["NameID changed after signing", { after: (x) => x.replace("bad-nameid", "admin-nameid") }, /signature/i],
      ["attribute changed after signing", { after: (x) => x.replace(">355020<", ">350001<") }, /signature/i],
      ["for another audience", { audience: "https://other-sp.example.jp" }, /audience/i],
      ["expired", { validFor: -600 }, /expired|no valid subject confirmation/i],
      ["from another issuer", { issuer: "https://evil.example.jp/saml" }, /issuer/i],
      ["addressed to another service", { acsUrl: "https://other-sp.example.jp/acs" }, /destination|recipient/i],
    ];
    for (const [name, change, why] of cases)
      it(name, async () => {
        const before = await userCount();
        const mark = await auditMark(env);
        const who = person(name.includes("NameID") ? "nameid" : String(before));
        const { done } = await signIn(who, change);
        expect(done.headers.location).toBe("/login?sso=failed");
        expect(cookieOf(done.cookies)).toBe("");
        expect(await userCount()).toBe(before);
        const [row] = await auditSince(env, mark, "auth.ssoRefused");
        expect(row!.changes.reason).toBe("failed");
        expect(String(row!.changes.error)).toMatch(why);
        expect(await auditSince(env, mark, "auth.ssoLogin")).toEqual([]);
      });
  });

  it("answers 404 for an unknown identity provider", async () => {
    expect((await env.app.inject({ method: "GET", url: "/api/auth/saml/nope/metadata" })).statusCode).toBe(404);
  });
});
