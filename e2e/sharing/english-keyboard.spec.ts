import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

test("the sharing pages in English, and search from the keyboard", async ({ page }) => {
  await signIn(page, demoUsers.kaminoseki);
  await page.getByRole("button", { name: /ユーザーメニュー/ }).click();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const nav = page.getByRole("navigation", { name: "Main menu" });
  for (const [link, heading] of [
    ["Notices", "Notices and national trends"],
    ["Document library", "Document library"],
    ["Challenges board", "Challenges board"],
    ["Search", "Search"],
  ] as const) {
    await nav.getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await checkA11y(page, { label: `${heading} in English` });
  }

  // Keyboard only: type into the search field and press Enter; the results heading follows.
  await page.getByLabel("Search for").focus();
  await page.keyboard.type("税");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Results for “税”" })).toBeVisible();
  await expect(page).toHaveURL(/\/search\?q=%E7%A8%8E/);
  await checkA11y(page, { label: "search results in English" });

  await page.getByRole("button", { name: /User menu/ }).click();
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
});
