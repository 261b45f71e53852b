import type { Browser, Page } from "@playwright/test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { apiClient, checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

async function samplePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(text, { x: 60, y: 700, size: 18, font });
  return Buffer.from(await doc.save());
}

const inDays = (days: number, hour: number) => new Date(Date.now() + days * 86400_000 + (hour - 9) * 3600_000).toISOString();

/** Follows every link of the public site from /public/ in a browser, checking each page. */
async function crawl(page: Page, origin: string, visit: (url: string) => Promise<void>) {
  const queue = [`${origin}/public/`];
  const seen = new Set(queue);
  while (queue.length) {
    const url = queue.shift()!;
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    if (!(res?.headers()["content-type"] ?? "").startsWith("text/html")) continue;
    expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await visit(url);
    const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const h of hrefs) {
      const u = new URL(h);
      u.hash = "";
      if (u.origin !== origin || !u.pathname.startsWith("/public/") || /\.(csv|pdf)$/.test(u.pathname) || seen.has(u.href))
        continue;
      seen.add(u.href);
      queue.push(u.href);
    }
  }
  return seen;
}

async function noScriptContext(browser: Browser, baseURL: string) {
  return browser.newContext({ baseURL, locale: "ja-JP", timezoneId: "Asia/Tokyo", javaScriptEnabled: false });
}

test("the secretariat previews and publishes a meeting; residents read it on the public site without JavaScript", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signIn(page, demoUsers.secretariat, { to: "/" });
  const api = apiClient(page);
  const bodies = (await api.get("/bodies")).items as { id: string; name: string }[];
  const council = bodies.find((b) => b.name === demoBodies.council)!;
  const m = await api.post("/meetings", {
    bodyId: council.id,
    kind: "in_person",
    startsAt: inDays(20, 14),
    endsAt: inDays(20, 16),
    place: "山口県庁 共用第1会議室",
    description: "県と市町の取組を共有します。",
  });
  await api.post(`/meetings/${m.id}/agenda`, { title: "標準化の進捗報告", presenter: "事務局", minutesRequested: 20 });
  await api.post(`/meetings/${m.id}/agenda`, { title: "人事に関する協議（非公開）", presenter: "事務局", minutesRequested: 10 });
  const csrf = (await page.context().cookies()).find((c) => c.name === "renkei_csrf")?.value ?? "";
  const upload = await page.request.post(`/api/meetings/${m.id}/materials`, {
    headers: { "x-csrf-token": csrf },
    multipart: {
      title: "標準化の進捗状況",
      file: { name: "progress.pdf", mimeType: "application/pdf", buffer: await samplePdf("Progress") },
    },
  });
  expect(upload.ok()).toBe(true);
  await api.post(`/meetings/${m.id}/announce`, {});

  // The publication screen: choose, preview (with the anonymisation check), save.
  await page.goto(`/meetings/${m.id}`);
  await page.getByRole("link", { name: "公開設定" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^公開設定：/ })).toBeVisible();
  await checkA11y(page, { ...bell, label: "publication settings" });
  await page.getByRole("combobox", { name: /^会議（日時・場所・概要）/ }).selectOption("public");
  await page.getByRole("combobox", { name: /標準化の進捗報告/ }).selectOption("public");
  await page.getByRole("combobox", { name: /標準化の進捗状況/ }).selectOption("public");
  await page.getByRole("button", { name: "公開される内容をプレビュー" }).click();
  const preview = page.getByRole("region", { name: "公開される内容" });
  await expect(preview.getByText("標準化の進捗報告")).toBeVisible();
  await expect(preview.getByText("人事に関する協議")).toHaveCount(0);
  await expect(preview.getByText("個人名・連絡先と思われる語句は見つかりませんでした。")).toBeVisible();
  await checkA11y(page, { ...bell, label: "publication preview" });
  await page.getByRole("button", { name: "この内容で保存" }).click();
  await expect(page.getByText("公開設定を保存しました。")).toBeVisible();

  // Residents: no session, no JavaScript. Every page is whole without a script (there is none).
  const ctx = await noScriptContext(browser, baseURL!);
  const resident = await ctx.newPage();
  const origin = new URL(baseURL!).origin;
  const pages = await crawl(resident, origin, async () => {
    await expect(resident.locator("html")).toHaveAttribute("lang", "ja");
    await expect(resident.locator("script")).toHaveCount(0);
    await expect(resident.getByRole("main")).toHaveCount(1);
    await expect(resident.getByRole("banner")).toHaveCount(1);
    await expect(resident.getByRole("contentinfo")).toHaveCount(1);
    await expect(resident.getByRole("heading", { level: 1 })).toHaveCount(1);
  });
  expect([...pages].some((u) => u.endsWith(`/public/meetings/${m.id}.html`))).toBe(true);
  // The skip link is the first thing the keyboard reaches and it leads to the main content.
  await resident.goto(`/public/meetings/${m.id}.html`);
  await resident.keyboard.press("Tab");
  await expect(resident.getByRole("link", { name: "本文へ移動" })).toBeFocused();
  await expect(resident.getByRole("heading", { level: 1 })).toContainText("第");
  await expect(resident.getByRole("heading", { name: "次第" })).toBeVisible();
  await expect(resident.getByText("標準化の進捗報告")).toBeVisible();
  await expect(resident.getByText("人事に関する協議")).toHaveCount(0);
  const download = await resident.request.get(
    (await resident.getByRole("link", { name: /標準化の進捗状況/ }).getAttribute("href"))!.replace("../", "/public/"),
  );
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
  // The council page draws the bodies; the members-only working group is not there.
  await resident.goto("/public/");
  const diagram = resident.getByRole("figure", { name: "推進体制の全体像" });
  await expect(diagram.getByRole("link", { name: new RegExp(demoBodies.council) })).toBeVisible();
  await expect(diagram.getByRole("link", { name: new RegExp(demoBodies.wgOnline) })).toBeVisible();
  await expect(resident.getByText(demoBodies.wgRpa)).toHaveCount(0);
  await ctx.close();

  // axe needs a script of its own to run, so it checks the same pages (identical HTML: they have no script) in a
  // browser with JavaScript on: every page passes every rule, WCAG 2.1 AA and the best practices.
  const js = await browser.newContext({ baseURL, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  const withJs = await js.newPage();
  for (const url of pages) {
    if (/\.(css|csv|pdf)$/.test(url)) continue;
    await withJs.goto(url);
    await checkA11y(withJs, { label: url, allRules: true });
  }
  await js.close();
});
