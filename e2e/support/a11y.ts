import { expect, type Frame, type Page } from "@playwright/test";
import axe from "axe-core";

/** The WCAG 2.1 A/AA rules every page must pass with zero violations. */
const a11yTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface A11yOptions {
  /** CSS selectors to leave out (only with a written reason at the call site). */
  exclude?: string[];
  /** A name for the failure message, e.g. "body detail". */
  label?: string;
  /** Every rule of axe, best practices included (one main landmark, heading order…), not only WCAG 2.1 A/AA. */
  allRules?: boolean;
}

/** Waits until the page has finished loading its data (no "loading" status, no busy button). */
export async function settle(page: Page) {
  await page.waitForLoadState("domcontentloaded");
  await expect(page.locator("[data-loading]")).toHaveCount(0);
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}

const injected = (frame: Frame) => frame.evaluate("typeof window.axe?.run === 'function'") as Promise<boolean>;
const inject = (frame: Frame) => frame.evaluate(`${axe.source};axe.configure({ allowedOrigins: ["<same_origin>"] })`);

/**
 * Puts axe into every frame of the page that lacks it: once per document, so the checks of one single-page
 * app session reuse it (a new document, after `goto`, gets it again). A frame that cannot take it (the PDF
 * viewer's) is left out, as axe's own Playwright binding does; the page itself must take it.
 */
async function ensureAxe(page: Page) {
  for (const frame of page.frames()) {
    const isMain = frame === page.mainFrame();
    try {
      if (!(await injected(frame))) await inject(frame);
    } catch (err) {
      if (isMain) throw err;
    }
  }
}

/** Runs axe on the current page and fails with a readable list when anything violates WCAG 2.1 AA (or any rule). */
export async function checkA11y(page: Page, options: A11yOptions = {}) {
  await settle(page);
  await ensureAxe(page);
  const args = { exclude: options.exclude ?? [], tags: options.allRules ? null : a11yTags };
  const { violations } = await page.evaluate(
    ({ exclude, tags }) =>
      (window as unknown as { axe: typeof axe }).axe.run(
        exclude.length ? { exclude } : document,
        // Only the violations are read: the passes and the incomplete ones come back as one node each.
        { resultTypes: ["violations"], ...(tags ? { runOnly: { type: "tag", values: tags } } : {}) },
      ),
    args,
  );
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
