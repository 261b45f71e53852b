import { checkA11y, demoUsers, expect, settle, signIn, test } from "../support/fixtures.js";

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
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("#main h1")).toBeVisible();
    await settle(page);
    await checkA11y(page, { label: path, allRules: true });
  }
});

test("the checker itself finds what breaks a rule, and leaves out only what a test names", async ({ page }) => {
  await signIn(page, demoUsers.secretariat, { to: "/meetings" });
  await checkA11y(page, { label: "meetings" });
  // An image without a text alternative (WCAG 1.1.1), and a second main landmark (a best practice only).
  await page.locator("#main").evaluate((main) => {
    const img = document.createElement("img");
    img.id = "probe-no-alt";
    img.src = "/favicon.svg";
    main.append(img);
  });
  await expect(checkA11y(page, { label: "probe" })).rejects.toThrow(/image-alt/);
  await checkA11y(page, { label: "probe excluded", exclude: ["#probe-no-alt"] });
  await page.locator("body").evaluate((body) => body.append(document.createElement("main")));
  await checkA11y(page, { label: "two mains, WCAG", exclude: ["#probe-no-alt"] });
  await expect(checkA11y(page, { label: "two mains, all", exclude: ["#probe-no-alt"], allRules: true })).rejects.toThrow(
    /landmark-no-duplicate-main|landmark-one-main/,
  );
});
