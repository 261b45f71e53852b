import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { selfSignedPair } from "./server/platform/testing/saml-idp.js";

// The real server on its own port with a fresh database, seeded with the demo council on start.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// Computed once in the runner and inherited by the workers, so every process agrees on it.
process.env.RENKEI_E2E_DATA_DIR ??= path.join(os.tmpdir(), `renkei-e2e-${Date.now()}`);
const dataDir = process.env.RENKEI_E2E_DATA_DIR;
/** The test identity provider of the single sign-on story (e2e/foundation/sso.spec.ts) listens on the next port. */
export const e2eIdp = { issuer: `http://127.0.0.1:${port + 1}`, clientSecret: "e2e-client-secret-not-for-production" };
/** The directory of the directory-sync story (e2e/people/directory.spec.ts, slapd) listens on the port after. */
export const e2eDirectory = { port: port + 2, baseDn: "dc=pref,dc=example", readerPassword: "e2e-reader-secret" };
// The key pairs of the SAML story's IdP and of this service, made once in the runner like the data folder.
process.env.RENKEI_E2E_SAML_KEYS ??= JSON.stringify({ idp: selfSignedPair("e2e-idp"), sp: selfSignedPair("e2e-sp") });
type KeyPair = ReturnType<typeof selfSignedPair>;
/** The test SAML IdP of the SAML sign-in story (e2e/foundation/saml.spec.ts) listens on the port after that. */
export const e2eSaml = {
  url: `http://127.0.0.1:${port + 3}`,
  entityId: "https://idp.lgwan.example.jp/saml",
  ...(JSON.parse(process.env.RENKEI_E2E_SAML_KEYS) as { idp: KeyPair; sp: KeyPair }),
};

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node bin/renkei.js start",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: baseURL,
      DATA_DIR: dataDir,
      RENKEI_DEMO_PASSWORD: "Demo-Password-2026",
      // The stories create their own meetings, notices and consultations and count them.
      RENKEI_DEMO_CONTENT: "false",
      LOG_LEVEL: "warn",
      JOBS_ENABLED: "true",
      // Mail, exports and reminders run as jobs: an idle worker looks every 0.2 s (2 s in production), so a
      // story waiting for its mail or file waits for the job, not for the poll.
      JOB_POLL_MS: "200",
      NODE_ENV: "test",
      OIDC_PROVIDERS: "pref",
      OIDC_PREF_LABEL: "県庁アカウントでログイン",
      OIDC_PREF_ISSUER: e2eIdp.issuer,
      OIDC_PREF_CLIENT_ID: "renkei-test",
      OIDC_PREF_CLIENT_SECRET: e2eIdp.clientSecret,
      OIDC_PREF_ALLOW_HTTP: "true",
      OIDC_PREF_ORG_CLAIM: "lg_code",
      OIDC_PREF_RULES: "groups=renkei-secretariat => org=350001, role=secretariat",
      SAML_PROVIDERS: "lgwan",
      SAML_LGWAN_LABEL: "LGWANアカウントでログイン",
      SAML_LGWAN_ENTRY_POINT: `${e2eSaml.url}/sso`,
      SAML_LGWAN_IDP_ISSUER: e2eSaml.entityId,
      SAML_LGWAN_IDP_CERT: e2eSaml.idp.certificate,
      SAML_LGWAN_ALLOW_HTTP: "true",
      SAML_LGWAN_ORG_ATTRIBUTE: "lgCode",
      SAML_LGWAN_ENCRYPTED_ASSERTIONS: "true",
      SAML_SP_KEY: e2eSaml.sp.privateKey,
      SAML_SP_CERT: e2eSaml.sp.certificate,
      LDAP_URL: `ldap://127.0.0.1:${port + 2}`,
      LDAP_ALLOW_PLAIN: "true",
      LDAP_BIND_DN: "cn=renkei-reader,dc=pref,dc=example",
      LDAP_BIND_PASSWORD: "e2e-reader-secret",
      LDAP_BASE_DN: "dc=pref,dc=example",
      LDAP_USER_FILTER: "(objectClass=inetOrgPerson)",
      LDAP_DEPARTMENT_ATTRIBUTE: "ou",
      LDAP_ORG_ATTRIBUTE: "departmentNumber",
      LDAP_GROUP_FILTER: "(objectClass=groupOfNames)",
      LDAP_RULES: "groups=renkei-secretariat => org=350001, role=secretariat",
    },
  },
});
