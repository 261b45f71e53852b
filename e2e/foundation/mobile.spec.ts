import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

test.use({ viewport: { width: 360, height: 740 } });

test("on a 360 px phone the navigation hides behind the menu button and still works", async ({ page }) => {
  await signIn(page, demoUsers.abu);
  const menu = page.getByRole("button", { name: "メニュー", exact: true });
  const nav = page.getByRole("navigation", { name: "メインメニュー" });
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await checkA11y(page, { label: "home at 360px" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow, "no sideways scrolling of the page").toBeLessThanOrEqual(360);

  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  await checkA11y(page, { label: "open menu at 360px" });
  await nav.getByRole("link", { name: "団体" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "団体" })).toBeVisible();
  await expect(nav).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: "阿武町" })).toContainText("小規模");
  await checkA11y(page, { label: "organisations at 360px" });

  // By keyboard: the menu button opens the navigation and its links are reachable.
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(nav).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "ホーム" })).toBeFocused();
});
