import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { settle } from "./a11y.js";
import { demoPassword } from "./demo.js";

export { checkA11y, settle } from "./a11y.js";
export { apiClient } from "./api.js";
export { demoBodies, demoPassword, demoUsers } from "./demo.js";
export { enrollTwoFactor, totpCode } from "./two-factor.js";
export { expect };

interface Guard {
  /** Every URL the browser asked for in this test. */
  requests: string[];
}

interface Fixtures {
  /** Origins a test may reach besides the app's: only the test identity provider of the sign-in story. */
  allowedOrigins: string[];
  guard: Guard;
  /** A second, separate browser (its own cookies), guarded like `page`: e.g. the invitee opening a mailed link. */
  newPage: () => Promise<Page>;
}

/**
 * `test` with an automatic guard: the test fails if a page asks any other origin for anything
 * (LGWAN: no CDN, no fonts, no analytics), breaks the Content-Security-Policy, or throws an uncaught error.
 */
export const test = base.extend<Fixtures & { watch: (context: BrowserContext) => void }>({
  allowedOrigins: [[], { option: true }],
  watch: async ({ baseURL, allowedOrigins }, use) => {
    const appOrigin = new URL(baseURL ?? "http://127.0.0.1").origin;
    const foreign: string[] = [];
    const problems: string[] = [];
    await use((context) => {
      context.on("request", (req) => {
        const url = req.url();
        if (url.startsWith("data:") || url.startsWith("blob:")) return;
        const origin = new URL(url).origin;
        if (origin !== appOrigin && !allowedOrigins.includes(origin)) foreign.push(url);
      });
      context.on("page", (p) => watchPage(p, problems));
      for (const p of context.pages()) watchPage(p, problems);
    });
    expect(foreign, `Requests to other origins than ${appOrigin}`).toEqual([]);
    expect(problems, "CSP violations or uncaught errors in the page").toEqual([]);
  },
  guard: [
    async ({ context, watch }, use) => {
      const requests: string[] = [];
      context.on("request", (req) => requests.push(req.url()));
      watch(context);
      await use({ requests });
    },
    { auto: true },
  ],
  newPage: async ({ browser, baseURL, watch }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
      contexts.push(context);
      watch(context);
      return context.newPage();
    });
    for (const c of contexts) await c.close();
  },
});

function watchPage(page: Page, problems: string[]) {
  page.on("console", (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`Uncaught: ${err.message}`));
}

// One session per demo user and worker: the login rate limit (10 a minute per account) stays far away.
const sessions = new Map<string, Awaited<ReturnType<ReturnType<Page["context"]>["cookies"]>>>();

export interface SignInOptions {
  /** "ui" types into the sign-in form (tests of signing in); "api" is the fast default for everything else. */
  via?: "ui" | "api";
  /** Where to go afterwards (default "/"). */
  to?: string;
  password?: string;
}

/** Signs a demo user in and opens `to`; the page shows the signed-in layout when it returns. */
export async function signIn(page: Page, email: string, options: SignInOptions = {}) {
  const { via = "api", to = "/", password = demoPassword } = options;
  if (via === "ui") {
    await page.goto(`/login`);
    await page.getByLabel(/メールアドレス|E-mail address/).fill(email);
    await page.getByLabel(/^(パスワード|Password)/).fill(password);
    await page.getByRole("button", { name: /^(ログイン|Sign in)$/ }).click();
    await expect(signedInMark(page)).toBeVisible();
    sessions.set(email, await page.context().cookies());
    if (to !== "/") await page.goto(to);
    return settle(page);
  }
  const cached = sessions.get(email);
  let ok = false;
  if (cached) {
    await page.context().addCookies(cached);
    ok = (await page.request.get("/api/me")).ok();
  }
  if (!ok) {
    const res = await page.request.post("/api/auth/login", { data: { email, password } });
    expect(res.ok(), `login of ${email}: ${res.status()} ${await res.text()}`).toBe(true);
    sessions.set(email, await page.context().cookies());
  }
  await page.goto(to);
  await expect(signedInMark(page)).toBeVisible();
  await settle(page);
}

/** The user menu button: there only in the signed-in layout, at every screen width. */
const signedInMark = (page: Page) => page.getByRole("button", { name: /ユーザーメニュー|User menu/ });

/** Signs out through the user menu, as a person would. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: /ユーザーメニュー|User menu/ }).click();
  await page.getByRole("button", { name: /^(ログアウト|Sign out)$/ }).click();
  await expect(page).toHaveURL(/\/login$/);
}
