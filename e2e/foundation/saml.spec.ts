import { e2eSaml } from "../../playwright.config.js";
import { startSamlIdp } from "../../server/platform/testing/saml-idp.js";
import { checkA11y, expect, test } from "../support/fixtures.js";

// The server of this run is configured with one SAML IdP that encrypts its assertions (playwright.config.ts): this test starts it.
let idp: Awaited<ReturnType<typeof startSamlIdp>>;
test.use({ allowedOrigins: [e2eSaml.url] });
test.beforeAll(async () => {
  idp = await startSamlIdp({
    port: Number(new URL(e2eSaml.url).port),
    entityId: e2eSaml.entityId,
    keys: e2eSaml.idp,
    encryptTo: e2eSaml.sp.certificate,
  });
});
test.afterAll(async () => {
  await idp?.close();
});

test("town staff sign in through the SAML identity provider and land on the home page", async ({ page }) => {
  idp.next({
    nameId: "e2e-saml-abu-1",
    attributes: { email: "saml-staff@town.abu.example.jp", displayName: "阿武 一郎", lgCode: "355020" },
  });
  await page.goto("/login");
  await checkA11y(page, { label: "sign-in with a SAML provider" });
  const posted = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/auth/saml/lgwan/acs"));
  await page.getByRole("link", { name: "LGWANアカウントでログイン" }).click();
  // What the IdP's page posted through the browser: the assertion is encrypted, naming nobody.
  const response = Buffer.from(
    new URLSearchParams((await posted).postData() ?? "").get("SAMLResponse") ?? "",
    "base64",
  ).toString();
  expect(response).toContain("EncryptedAssertion");
  expect(response).not.toContain("saml-staff@town.abu.example.jp");
  await expect(page.getByRole("heading", { level: 1, name: "ホーム" })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("region", { name: "所属団体" }).getByRole("link", { name: "阿武町" })).toBeVisible();
  await checkA11y(page, { label: "home after SAML sign-on" });
});

test("an assertion naming no registered organisation is refused on the sign-in page", async ({ page }) => {
  idp.next({ nameId: "e2e-saml-nowhere", attributes: { email: "saml-nowhere@example.jp", lgCode: "999999" } });
  await page.goto("/login");
  await page.getByRole("link", { name: "LGWANアカウントでログイン" }).click();
  await expect(page).toHaveURL(/\/login\?sso=no_org$/);
  await expect(page.getByRole("alert")).toContainText("団体がRenkeiに登録されていないため");
  await checkA11y(page, { label: "SAML sign-in refused" });
});
