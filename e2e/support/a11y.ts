import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The WCAG 2.1 A/AA rules every page must pass with zero violations. */
const a11yTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface A11yOptions {
  /** CSS selectors to leave out (only with a written reason at the call site). */
  exclude?: string[];
  /** A name for the failure message, e.g. "body detail". */
  label?: string;
}

/** Waits until the page has finished loading its data (no "loading" status, no busy button). */
export async function settle(page: Page) {
  await page.waitForLoadState("domcontentloaded");
  await expect(page.locator("[data-loading]")).toHaveCount(0);
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}

/** Runs axe on the current page and fails with a readable list when anything violates WCAG 2.1 AA. */
export async function checkA11y(page: Page, options: A11yOptions = {}) {
  await settle(page);
  let builder = new AxeBuilder({ page }).withTags(a11yTags);
  for (const sel of options.exclude ?? []) builder = builder.exclude(sel);
  const { violations } = await builder.analyze();
  const report = violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n").join(" ")}`)
          .join("\n")}`,
    )
    .join("\n");
  expect(violations, `Accessibility violations on ${options.label ?? page.url()}:\n${report}`).toEqual([]);
}
