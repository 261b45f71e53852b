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
