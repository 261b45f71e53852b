import { checkA11y, demoPassword, demoUsers, enrollTwoFactor, expect, signIn, test, totpCode } from "../support/fixtures.js";

test("two-factor: set up on the account page, then sign in with a code", async ({ page }) => {
  await signIn(page, demoUsers.specialist, { to: "/account" });
  await expect(page.getByRole("heading", { level: 1, name: "アカウント設定" })).toBeVisible();
  const section = page.getByRole("region", { name: "二要素認証の設定" });
  const secret = await enrollTwoFactor(page, () => checkA11y(page, { label: "2FA setup key" }));
  await expect(section.getByText("二要素認証は有効です。")).toBeVisible();

  // Signing in again now asks for the code.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(demoUsers.specialist);
  await page.getByLabel("パスワード").fill(demoPassword);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "二要素認証" })).toBeVisible();
  await checkA11y(page, { label: "2FA code" });
  await page.getByLabel("確認コード（6桁）").fill("000000");
  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.getByLabel("確認コード（6桁）")).toHaveAttribute("aria-invalid", "true");
  // The code of the enrolment was spent; the authenticator's next one is accepted.
  await page.getByLabel("確認コード（6桁）").fill(totpCode(secret, 1));
  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ホーム" })).toBeVisible();

  // Turning it off needs the password.
  await page.goto("/account");
  await section.getByLabel("現在のパスワード").fill(demoPassword);
  await section.getByRole("button", { name: "二要素認証を無効にする" }).click();
  await expect(section.getByRole("button", { name: "設定を始める" })).toBeVisible();
});

test("notification preferences are saved per category, and sign out everywhere ends the session", async ({ page }) => {
  await signIn(page, demoUsers.mine, { to: "/account" });
  const prefs = page.getByRole("region", { name: "通知の受け取り方" });
  await prefs.getByRole("group", { name: "照会" }).getByLabel("1日1回まとめて").check();
  await prefs.getByRole("button", { name: "通知設定を保存する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await page.reload();
  await expect(prefs.getByRole("group", { name: "照会" }).getByLabel("1日1回まとめて")).toBeChecked();
  await checkA11y(page, { label: "account" });

  await page.getByRole("button", { name: "すべての端末からログアウト" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await checkA11y(page, { label: "sign out everywhere dialog" });
  await dialog.getByRole("button", { name: "すべての端末からログアウト" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("the name on the account page: an empty name is refused before sending, a new one shows at once in the header", async ({
  page,
}) => {
  await signIn(page, demoUsers.mine, { to: "/account" });
  const profile = page.getByRole("form", { name: "登録情報" });
  const name = profile.getByRole("textbox", { name: /^氏名/ });
  const original = await name.inputValue();
  await name.fill("");
  await profile.getByRole("button", { name: "氏名を保存する" }).click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toBeFocused();
  await checkA11y(page, { label: "profile with an error" });
  await name.fill(`${original}（改）`);
  await profile.getByRole("button", { name: "氏名を保存する" }).click();
  await expect(page.getByRole("button", { name: `ユーザーメニュー： ${original}（改）` })).toBeVisible();
  await name.fill(original);
  await profile.getByRole("button", { name: "氏名を保存する" }).click();
  await expect(page.getByRole("button", { name: `ユーザーメニュー： ${original}` })).toBeVisible();
});
