import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { auditMark, auditSince, type TestEnv, testEnv, userCount } from "../../platform/testing/harness.js";
import { type AssertionInput, readAuthnRequest, selfSignedPair, testIdp } from "../../platform/testing/saml-idp.js";
import { expectNewAbuClerk, me, sessionCookie } from "./test-sign-in.js";

const PUBLIC = "http://localhost:3000";
const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const at = (provider: string) => ({
  acsUrl: `${PUBLIC}/api/auth/saml/${provider}/acs`,
  audience: `${PUBLIC}/api/auth/saml/${provider}/metadata`,
});
const idp = testIdp();
const sp = selfSignedPair("renkei-sp");
let env: TestEnv;

beforeAll(async () => {
  env = await testEnv({
    PUBLIC_URL: PUBLIC,
    SAML_PROVIDERS: "pref,enc",
    SAML_SP_KEY: sp.privateKey,
    SAML_SP_CERT: sp.certificate,
    SAML_PREF_LABEL: "県庁アカウント(SAML)でログイン",
    SAML_PREF_ENTRY_POINT: "https://idp.pref.example.jp/sso",
    SAML_PREF_IDP_ISSUER: idp.entityId,
    SAML_PREF_IDP_CERT: idp.certificate,
    SAML_PREF_ORG_ATTRIBUTE: "lgCode",
    SAML_PREF_RULES: "groups=renkei-secretariat => org=350001, role=secretariat; groups=town-admins => orgAdmin",
    SAML_PREF_MFA_CONTEXTS: "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    // The same IdP, configured to encrypt its assertions to this service's certificate.
    SAML_ENC_LABEL: "県庁アカウント(暗号化)でログイン",
    SAML_ENC_ENTRY_POINT: "https://idp.pref.example.jp/sso",
    SAML_ENC_IDP_ISSUER: idp.entityId,
    SAML_ENC_IDP_CERT: idp.certificate,
    SAML_ENC_ORG_ATTRIBUTE: "lgCode",
    SAML_ENC_ENCRYPTED_ASSERTIONS: "true",
  });
});

type Person = Pick<AssertionInput, "nameId" | "attributes">;
type Change = Partial<Omit<AssertionInput, "inResponseTo" | "nameId" | "attributes">>;

/** Renkei's start route, the IdP (answering at once), then the IdP's form post to the ACS. */
async function signIn(person: Person, change: Change = {}, provider = "pref") {
  const start = await env.app.inject({
    method: "GET",
    url: `/api/auth/saml/${provider}/start?returnTo=${encodeURIComponent("/meetings")}`,
  });
  expect(start.statusCode).toBe(302);
  const to = new URL(String(start.headers.location));
  expect(to.origin + to.pathname).toBe("https://idp.pref.example.jp/sso");
  expect(to.searchParams.get("Signature")).toBeTruthy(); // the AuthnRequest is signed with the SP key
  const request = readAuthnRequest(to);
  expect(request.acsUrl).toBe(at(provider).acsUrl);
  const SAMLResponse = await idp.response({ inResponseTo: request.id, ...at(provider), ...person, ...change });
  const done = await post(SAMLResponse, provider);
  return { done, SAMLResponse, session: sessionCookie(done.cookies) };
}

const post = (SAMLResponse: string, provider = "pref") =>
  env.app.inject({
    method: "POST",
    url: `/api/auth/saml/${provider}/acs`,
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
    payload: new URLSearchParams({ SAMLResponse, RelayState: "" }).toString(),
  });

/** A sign-in that must be refused: back to the sign-in page without a session, no account written, the reason audited. */
async function expectRefused(who: Person, change: Change, why: RegExp, provider = "pref") {
  const before = await userCount(env);
  const mark = await auditMark(env);
  const { done } = await signIn(who, change, provider);
  expect(done.headers.location).toBe("/login?sso=failed");
  expect(sessionCookie(done.cookies)).toBe("");
  expect(await userCount(env)).toBe(before);
  const [row] = await auditSince(env, mark, "auth.ssoRefused");
  expect(row!.changes.reason).toBe("failed");
  expect(String(row!.changes.error)).toMatch(why);
  expect(await auditSince(env, mark, "auth.ssoLogin")).toEqual([]);
}

const clerk: Person = {
  nameId: "abu-saml-1",
  attributes: { email: "Yamada@Town.Abu.example.jp", displayName: "山田 花子", lgCode: "355020" },
};

describe("SAML 2.0 sign-in", () => {
  it("shows the identity provider's button on the sign-in page", async () => {
    const res = await env.anon.get("/api/auth/providers");
    expect(res.body.items).toEqual([
      { id: "pref", label: "県庁アカウント(SAML)でログイン", startUrl: "/api/auth/saml/pref/start" },
      { id: "enc", label: "県庁アカウント(暗号化)でログイン", startUrl: "/api/auth/saml/enc/start" },
    ]);
  });

  /** The SP metadata of a provider, parsed; its KeyDescriptors as [use, certificate]. */
  async function metadataOf(provider: string) {
    const res = await env.app.inject({ method: "GET", url: `/api/auth/saml/${provider}/metadata` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("xml");
    const errors: string[] = [];
    const doc = new DOMParser({ errorHandler: (_level: string, m: unknown) => errors.push(String(m)) }).parseFromString(
      res.body,
      "text/xml",
    );
    expect(errors).toEqual([]);
    const keys = Array.from(doc.getElementsByTagNameNS(MD, "KeyDescriptor")).map((k) => [
      k.getAttribute("use"),
      k.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate")[0]!.textContent!.replace(/\s/g, ""),
    ]);
    return { doc, keys };
  }
  const spCert = sp.certificate.replace(/-----[A-Z ]+-----|\s/g, "");

  it("publishes SP metadata with the entity id, the ACS URL and the signing certificate", async () => {
    const { doc, keys } = await metadataOf("pref");
    expect(doc.documentElement!.getAttribute("entityID")).toBe(at("pref").audience);
    const acs = doc.getElementsByTagNameNS(MD, "AssertionConsumerService")[0]!;
    expect(acs.getAttribute("Location")).toBe(at("pref").acsUrl);
    expect(acs.getAttribute("Binding")).toBe("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
    // Not configured for encrypted assertions: the IdP is not offered a key to encrypt to.
    expect(keys).toEqual([["signing", spCert]]);
  });

  it("publishes the encryption certificate in the metadata of a provider that encrypts its assertions", async () => {
    const { keys } = await metadataOf("enc");
    expect(keys).toContainEqual(["encryption", spCert]);
    expect(keys).toContainEqual(["signing", spCert]);
  });

  it("signs in with a signed assertion: account created in the mapped organisation, audited", async () => {
    const mark = await auditMark(env);
    const { done, session } = await signIn(clerk);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/meetings");
    const id = await expectNewAbuClerk(env, session, mark, {
      email: "yamada@town.abu.example.jp",
      name: "山田 花子",
      provider: "saml:pref",
      sub: "abu-saml-1",
    });
    // A signed response (rather than assertion) is accepted too, and finds the same account by its NameID.
    const again = await signIn(clerk, { sign: "response" });
    expect((await me(env, again.session)).json().user.id).toBe(id);
  });

  it("finds the account again by its address when the IdP sends a transient NameID, and refuses one without an address", async () => {
    const person = (nameId: string): Person => ({
      nameId,
      attributes: { email: "Kawano@Town.Abu.example.jp", displayName: "河野 一郎", lgCode: "355020" },
    });
    const first = await signIn(person("_t-1a"), { nameIdFormat: "transient" });
    const id = (await me(env, first.session)).json().user.id;
    // A new NameID at the next sign-in: the same account, no conflict, no second user.
    const before = await userCount(env);
    const second = await signIn(person("_t-2b"), { nameIdFormat: "transient" });
    expect(second.done.headers.location).toBe("/meetings");
    expect((await me(env, second.session)).json().user).toMatchObject({ id, email: "kawano@town.abu.example.jp" });
    expect(await userCount(env)).toBe(before);

    const mark = await auditMark(env);
    const { done } = await signIn({ nameId: "_t-3c", attributes: { lgCode: "355020" } }, { nameIdFormat: "transient" });
    expect(done.headers.location).toBe("/login?sso=no_email");
    expect(await userCount(env)).toBe(before);
    expect(await auditSince(env, mark, "auth.ssoRefused")).toEqual([
      expect.objectContaining({ changes: expect.objectContaining({ reason: "no_email", nameIdFormat: "transient" }) }),
    ]);
  });

  it("maps groups to organisation, role and org-admin flag, and trusts the IdP's two-factor context", async () => {
    const { session } = await signIn(
      {
        nameId: "pref-saml-1",
        attributes: { email: "suzuki@pref.example.jp", groups: ["all-staff", "renkei-secretariat", "town-admins"] },
      },
      { authnContext: "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract" },
    );
    expect((await me(env, session)).json()).toMatchObject({
      user: { role: "secretariat", org: { name: "山口県" }, isOrgAdmin: true },
      mustEnrollTwoFactor: false,
    });
  });

  it("refuses groups that map to no organisation, on the sign-in page, creating nothing", async () => {
    const before = await userCount(env);
    const mark = await auditMark(env);
    const { done } = await signIn({ nameId: "nowhere-saml", attributes: { email: "nowhere@example.jp", groups: ["all-staff"] } });
    expect(done.headers.location).toBe("/login?sso=no_org");
    expect(sessionCookie(done.cookies)).toBe("");
    expect(await userCount(env)).toBe(before);
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
    expect(sessionCookie(replay.cookies)).toBe("");
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
        await expectRefused(person(name.includes("NameID") ? "nameid" : String(await userCount(env))), change, why);
      });
  });

  describe("encrypted assertions (SAML_<ID>_ENCRYPTED_ASSERTIONS)", () => {
    const person = (n: string): Person => ({
      nameId: `enc-${n}`,
      attributes: { email: `enc-${n}@town.abu.example.jp`, displayName: "暗号 太郎", lgCode: "355020" },
    });
    /** Flips one bit in the middle of the encrypted assertion's ciphertext (not the wrapped key's). */
    const tamperCiphertext = (xml: string) =>
      xml.replace(/(<xenc:CipherData>\s*<xenc:CipherValue>)([^<]+)/, (_m, open: string, b64: string) => {
        const bytes = Buffer.from(b64, "base64");
        const i = Math.floor(bytes.length / 2);
        bytes[i] = bytes[i]! ^ 0x01;
        return open + bytes.toString("base64");
      });

    for (const cipher of ["aes256-gcm", "aes256-cbc"] as const)
      it(`signs in with a signed assertion encrypted to this service's certificate (${cipher})`, async () => {
        const who = person(cipher);
        const mark = await auditMark(env);
        const { done, session, SAMLResponse } = await signIn(who, { encryptTo: sp.certificate, cipher }, "enc");
        // What travelled through the browser names nobody: the assertion is ciphertext.
        const posted = Buffer.from(SAMLResponse, "base64").toString("utf8");
        expect(posted).toContain("<saml:EncryptedAssertion>");
        expect(posted).not.toContain("<saml:Assertion");
        expect(posted).not.toContain(who.nameId);
        expect(posted).not.toContain(String(who.attributes.email));
        expect(done.statusCode).toBe(303);
        expect(done.headers.location).toBe("/meetings");
        const res = await me(env, session);
        expect(res.json().user).toMatchObject({
          email: `enc-${cipher}@town.abu.example.jp`,
          name: "暗号 太郎",
          org: { name: "阿武町" },
        });
        const [row] = await auditSince(env, mark, "auth.ssoLogin");
        expect(row!.changes).toMatchObject({ provider: "saml:enc", sub: who.nameId });
      });

    it("signs in when the IdP signs the whole response around the encrypted assertion", async () => {
      const { done, session } = await signIn(person("response"), { encryptTo: sp.certificate, sign: "response" }, "enc");
      expect(done.headers.location).toBe("/meetings");
      expect((await me(env, session)).json().user.email).toBe("enc-response@town.abu.example.jp");
    });

    const other = selfSignedPair("another-sp");
    const cases: [string, Change, RegExp, string?][] = [
      ["a plain (unencrypted) signed assertion when encryption is required", {}, /not encrypted/],
      // Decrypting another key's RSA block fails OAEP decoding, or (when the other modulus is larger, ~1 in 13) is too large for ours.
      [
        "an assertion encrypted to another service's key",
        { encryptTo: other.certificate },
        /oaep decoding error|too large for modulus/,
      ],
      ["a tampered ciphertext (AES-GCM)", { encryptTo: sp.certificate, after: tamperCiphertext }, /unable to authenticate data/],
      [
        "a tampered ciphertext (AES-CBC)",
        { encryptTo: sp.certificate, cipher: "aes256-cbc", after: tamperCiphertext },
        // A flipped bit garbles one block of the signed XML: the signature no longer verifies, or the padding or the XML breaks.
        /signature|invalid|bad decrypt|xml/i,
      ],
      [
        "a plain assertion slipped in beside the encrypted one",
        {
          encryptTo: sp.certificate,
          after: (x) =>
            x.replace(
              "</samlp:Response>",
              `<saml:Assertion ID="_slipped" Version="2.0"><saml:Issuer>${idp.entityId}</saml:Issuer><saml:Subject><saml:NameID>admin</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>`,
            ),
        },
        /multiple assertions/,
      ],
      // Anyone can encrypt to the service's public certificate: encryption proves nothing about the sender.
      ["an encrypted but unsigned assertion", { encryptTo: sp.certificate, sign: "none" }, /invalid signature/i],
      [
        "an encrypted assertion at a provider not configured to decrypt",
        { encryptTo: sp.certificate },
        /decryption key/i,
        "pref",
      ],
    ];
    for (const [name, change, why, provider] of cases)
      it(`refuses ${name}`, async () => {
        await expectRefused(person(String(await userCount(env))), change, why, provider ?? "enc");
      });
  });

  it("answers 404 for an unknown identity provider", async () => {
    expect((await env.app.inject({ method: "GET", url: "/api/auth/saml/nope/metadata" })).statusCode).toBe(404);
  });
});
