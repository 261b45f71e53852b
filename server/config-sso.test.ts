import { describe, expect, it } from "vitest";
import { type ConfigError, loadConfig } from "./config.js";

const base = {
  OIDC_PROVIDERS: "pref",
  OIDC_PREF_ISSUER: "https://login.example.jp/tenant/v2.0",
  OIDC_PREF_CLIENT_ID: "renkei",
};

describe("OpenID Connect providers in the environment", () => {
  it("reads each provider's variables and its mapping rules", () => {
    const config = loadConfig({
      ...base,
      OIDC_PREF_RULES: "groups=renkei-secretariat => org=350001, role=secretariat;\n department=総務課 => orgAdmin",
      OIDC_PREF_CREATE_USERS: "false",
      OIDC_PREF_MFA_ACR: "urn:example:mfa, loa3",
    });
    expect(config.oidcProviders).toEqual([
      expect.objectContaining({
        id: "pref",
        label: "県庁アカウントでログイン",
        scopes: "openid email profile",
        createUsers: false,
        defaultRole: "municipal",
        mfaAmr: ["mfa"],
        mfaAcr: ["urn:example:mfa", "loa3"],
        rules: [
          { claim: "groups", value: "renkei-secretariat", org: "350001", role: "secretariat" },
          { claim: "department", value: "総務課", orgAdmin: true },
        ],
      }),
    ]);
  });

  it("reports every problem at once, naming the variable", () => {
    let problems: string[] = [];
    try {
      loadConfig({
        OIDC_PROVIDERS: "pref,Bad!",
        OIDC_PREF_ISSUER: "http://idp.internal/",
        OIDC_PREF_RULES: "groups=x => role=mayor; nonsense",
      });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems).toEqual([
      "OIDC_PREF_CLIENT_ID: is required: the client id registered at the provider",
      expect.stringContaining('OIDC_PROVIDERS: "Bad!"'),
    ]);
    const more = (() => {
      try {
        loadConfig({ ...base, OIDC_PREF_ISSUER: "http://idp.internal/", OIDC_PREF_RULES: "groups=x => role=mayor; nonsense" });
      } catch (e) {
        return (e as ConfigError).problems;
      }
      return [];
    })();
    expect(more).toEqual([
      expect.stringMatching(/^OIDC_PREF_RULES: rule "groups=x => role=mayor": "role=mayor"/),
      expect.stringMatching(/^OIDC_PREF_RULES: rule "nonsense"/),
      expect.stringMatching(/^OIDC_PREF_ISSUER: must be https:\/\//),
    ]);
  });
});

describe("SAML 2.0 providers in the environment", () => {
  const cert = "MIIBszCCAVmgAwIBAgIUZXhhbXBsZQ==";
  const saml = {
    SAML_PROVIDERS: "lgwan",
    SAML_LGWAN_ENTRY_POINT: "https://idp.lgwan.example.jp/sso",
    SAML_LGWAN_IDP_ISSUER: "https://idp.lgwan.example.jp/saml",
    SAML_LGWAN_IDP_CERT: `${cert}, ${cert}`,
  };
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      return (e as ConfigError).problems;
    }
    return [];
  };

  it("reads each provider's variables; assertions are not required to be encrypted unless set", () => {
    expect(loadConfig(saml).samlProviders).toEqual([
      expect.objectContaining({
        id: "lgwan",
        label: "県庁アカウントでログイン",
        idpCerts: [cert, cert],
        emailAttribute: "email",
        nameAttribute: "displayName",
        encryptedAssertions: false,
      }),
    ]);
  });

  it("requires this service's key pair for encrypted assertions, and both halves of it", () => {
    expect(problemsOf({ ...saml, SAML_LGWAN_ENCRYPTED_ASSERTIONS: "true" })).toEqual([
      "SAML_LGWAN_ENCRYPTED_ASSERTIONS: needs this service's key pair in SAML_SP_KEY and SAML_SP_CERT",
    ]);
    expect(problemsOf({ ...saml, SAML_SP_KEY: "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----" })).toEqual([
      "SAML_SP_KEY / SAML_SP_CERT: set both SAML_SP_KEY and SAML_SP_CERT, or neither",
    ]);
  });

  it("says a URL setting is missing, or that what was given is not a URL", () => {
    const { SAML_LGWAN_ENTRY_POINT: _, ...noEntryPoint } = saml;
    expect(problemsOf(noEntryPoint)).toEqual(["SAML_LGWAN_ENTRY_POINT: is required: the identity provider's single sign-on URL"]);
    expect(problemsOf({ ...saml, SAML_LGWAN_ENTRY_POINT: "idp.lgwan.example.jp/sso" })).toEqual([
      "SAML_LGWAN_ENTRY_POINT: is not a URL (expected https://…): the identity provider's single sign-on URL",
    ]);
    expect(problemsOf({ ...base, OIDC_PREF_ISSUER: "idp.internal" })).toEqual([
      "OIDC_PREF_ISSUER: is not a URL (expected https://…): the provider's issuer URL",
    ]);
  });

  it("refuses an http:// entry point, a malformed certificate and an id an OIDC provider has", () => {
    expect(
      problemsOf({
        ...base,
        ...saml,
        SAML_PROVIDERS: "lgwan,pref",
        SAML_LGWAN_ENTRY_POINT: "http://idp.lgwan.example.jp/sso",
        SAML_LGWAN_IDP_CERT: "not a certificate!",
        SAML_PREF_ENTRY_POINT: "https://idp.pref.example.jp/sso",
        SAML_PREF_IDP_ISSUER: "https://idp.pref.example.jp/saml",
        SAML_PREF_IDP_CERT: cert,
      }),
    ).toEqual([
      expect.stringMatching(/^SAML_LGWAN_ENTRY_POINT: must be https:\/\//),
      expect.stringMatching(/^SAML_LGWAN_IDP_CERT: must be PEM certificates/),
      expect.stringMatching(/^SAML_PROVIDERS: "pref" is also an OpenID Connect provider/),
    ]);
  });
});
