import { checkA11y, demoPassword, demoUsers, expect, signIn, signOut, test } from "../support/fixtures.js";

test("a municipal clerk signs in with the form and lands on the home page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "ログイン" })).toBeVisible();
  await checkA11y(page, { label: "sign-in" });

  await signIn(page, demoUsers.yamaguchi, { via: "ui" });
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "ホーム" })).toBeVisible();
  await expect(page.getByRole("region", { name: "所属団体" }).getByRole("link", { name: "山口市" })).toBeVisible();
  await expect(page.getByRole("region", { name: "参加している会議体" })).toContainText("山口県デジタル・ガバメント構築連携会議");
  await checkA11y(page, { label: "home" });
});

test("a wrong password is refused with a message next to the form", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(demoUsers.mine);
  await page.getByLabel("パスワード").fill("not-the-password-123");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("alert")).toContainText("メールアドレスまたはパスワードが正しくないか");
  await expect(page).toHaveURL(/\/login$/);
  await checkA11y(page, { label: "sign-in error" });

  // An empty address gets the schema's field message under the field (checked in the browser, same words as the server's).
  await page.getByLabel("メールアドレス").fill("");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByLabel("メールアドレス")).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page, { label: "sign-in field error" });
});

test("keyboard only: sign in with Tab and Enter, every focus visible", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "ログイン" })).toBeVisible();
  const email = page.getByLabel("メールアドレス");
  // Tab from the top of the page: skip link, language switch, then the form.
  for (let i = 0; i < 10 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el && el !== document.body ? getComputedStyle(el).outlineStyle : "body";
    });
    expect(outline, "the focused element shows a focus ring").not.toBe("none");
  }
  await expect(email).toBeFocused();
  await page.keyboard.type(demoUsers.kaminoseki);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("パスワード")).toBeFocused();
  await page.keyboard.type(demoPassword);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "ホーム" })).toBeVisible();

  // The skip link is the first stop and takes focus to the main content.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "本文へ移動" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();
  await checkA11y(page, { label: "home after keyboard sign-in" });
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, demoUsers.observer);
  await checkA11y(page, { label: "observer home" });
  await signOut(page);
  await checkA11y(page, { label: "signed out" });
  await page.goto("/bodies");
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});
