import AxeBuilder from "@axe-core/playwright";
import { demoUsers, expect, settle, signIn, test } from "../support/fixtures.js";

/**
 * Beyond WCAG A/AA: every axe rule, best practices included (one main landmark, unique landmarks,
 * heading order, page has a level-one heading), on the main pages.
 */
const pages = [
  "/",
  "/meetings",
  "/notices",
  "/progress",
  "/surveys",
  "/documents",
  "/challenges",
  "/search",
  "/faq",
  "/consultations",
  "/support",
  "/orgs",
  "/notifications",
  "/account",
  "/no-such-page",
];

test("the main pages pass every axe rule, best practices included", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, demoUsers.secretariat);
  const found: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("#main h1")).toBeVisible();
    await settle(page);
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations)
      found.push(
        `${path} ${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
      );
  }
  expect(found, found.join("\n")).toEqual([]);
});
