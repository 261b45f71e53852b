import { checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

test("switching to English changes the labels and is remembered for the account", async ({ page }) => {
  await signIn(page, demoUsers.shunan);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");

  await page.getByRole("button", { name: /ユーザーメニュー/ }).click();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const nav = page.getByRole("navigation", { name: "Main menu" });
  await expect(nav.getByRole("link", { name: "Councils and groups" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await checkA11y(page, { label: "home in English" });

  await nav.getByRole("link", { name: "Councils and groups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Councils and groups" })).toBeVisible();
  await expect(page.getByText("Working group").first()).toBeVisible();
  await page.getByRole("link", { name: "Digital divide subcommittee" }).click();
  await expect(page.getByRole("columnheader", { name: "Position" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Chair", exact: true })).toBeVisible();
  await checkA11y(page, { label: "body detail in English" });

  // Saved to the account: a reload (and another browser) shows English.
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "Position" })).toBeVisible();

  await page.getByRole("button", { name: /User menu/ }).click();
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("columnheader", { name: "役職" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: demoBodies.divide })).toBeVisible();
});
