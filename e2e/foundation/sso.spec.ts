import { e2eIdp } from "../../playwright.config.js";
import { startTestProvider, type TestProvider } from "../../server/platform/testing/oidc-provider.js";
import { checkA11y, expect, test } from "../support/fixtures.js";

// The server of this run is configured with one provider (playwright.config.ts): this test starts it.
let idp: TestProvider;
test.use({ allowedOrigins: [e2eIdp.issuer] });
test.beforeAll(async ({ baseURL }) => {
  idp = await startTestProvider({
    port: Number(new URL(e2eIdp.issuer).port),
    clientSecret: e2eIdp.clientSecret,
    redirectUris: [`${baseURL}/api/auth/oidc/pref/callback`],
    postLogoutRedirectUris: [`${baseURL}/login`],
  });
});
test.afterAll(async () => {
  await idp?.close();
});

test("prefecture staff sign in with the prefecture's account and land on the home page", async ({ page }) => {
  idp.next({
    sub: "e2e-pref-1",
    claims: { email: "sso-staff@pref.example.jp", email_verified: true, name: "県庁 花子", groups: ["renkei-secretariat"] },
    amr: ["pwd", "mfa"],
  });
  await page.goto("/login");
  await checkA11y(page, { label: "sign-in with a provider" });
  await page.getByRole("link", { name: "県庁アカウントでログイン" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ホーム" })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("region", { name: "所属団体" }).getByRole("link", { name: "山口県" })).toBeVisible();
  await checkA11y(page, { label: "home after single sign-on" });

  // Signing out ends the provider's session too and comes back to the sign-in page.
  await page.getByRole("button", { name: /ユーザーメニュー/ }).click();
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect.poll(() => idp.logouts.length).toBeGreaterThan(0);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "ログイン" })).toBeVisible();
});

test("claims naming no organisation are refused on the sign-in page", async ({ page }) => {
  idp.next({ sub: "e2e-nowhere", claims: { email: "nowhere@example.jp", lg_code: "999999" } });
  await page.goto("/login");
  await page.getByRole("link", { name: "県庁アカウントでログイン" }).click();
  await expect(page).toHaveURL(/\/login\?sso=no_org$/);
  await expect(page.getByRole("alert")).toContainText("団体がRenkeiに登録されていないため");
  await checkA11y(page, { label: "sign-in refused" });
});
