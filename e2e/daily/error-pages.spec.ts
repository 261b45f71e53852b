import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

test("the not-found page has a heading and ways back, and passes axe", async ({ page }) => {
  await signIn(page, demoUsers.secretariat, { to: "/meetings" });
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "ページが見つかりません" })).toBeVisible();
  await expect(page.getByRole("button", { name: /再読み込み|reload/i })).toHaveCount(0);
  await checkA11y(page, { label: "not found" });
  await page.getByRole("link", { name: "前のページへ戻る" }).click();
  await expect(page).toHaveURL(/\/meetings$/);
  await page.goto("/no-such-page");
  await page.getByRole("link", { name: "ホームへ戻る" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a page that fails to load shows the route error page with a heading and ways back", async ({ page }) => {
  await signIn(page, demoUsers.secretariat, { to: "/" });
  // The page's code cannot be fetched (as after a deploy or a dropped connection): every not-yet-loaded chunk fails.
  await page.route("**/assets/*.js", (route) => route.abort());
  // An in-app navigation to a page whose code has not been loaded yet.
  await page.evaluate(() => {
    window.history.pushState({}, "", "/faq");
    window.dispatchEvent(new PopStateEvent("popstate"));
  });
  await expect(page.getByRole("heading", { level: 1, name: "画面を表示できませんでした" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ホームへ戻る" })).toHaveAttribute("href", "/");
  await expect(page.getByRole("link", { name: "前のページへ戻る" })).toBeVisible();
  await checkA11y(page, { label: "route error" });
});
