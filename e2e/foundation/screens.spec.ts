import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

// Every screen of the foundation, opened by the administrator (who may see them all), passes axe.
const screens: { path: string; heading: string | RegExp }[] = [
  { path: "/orgs", heading: "団体" },
  { path: "/orgs/new", heading: "団体を登録" },
  { path: "/orgs/import", heading: "団体の一括登録（CSV）" },
  { path: "/users", heading: "ユーザー管理" },
  { path: "/users/new", heading: "ユーザーを招待" },
  { path: "/bodies/new", heading: "会議体を作成" },
  { path: "/audit", heading: "監査ログ" },
  { path: "/notifications", heading: "通知" },
  { path: "/account", heading: "アカウント設定" },
  { path: "/admin/outbox", heading: "メール送信記録" },
  { path: "/admin/settings", heading: "システム設定" },
  { path: "/no-such-page", heading: "ページが見つかりません" },
];

test("every foundation screen opens for the administrator and passes axe", async ({ page }) => {
  await signIn(page, demoUsers.admin);
  for (const s of screens) {
    await page.goto(s.path);
    await expect(page.getByRole("heading", { level: 1, name: s.heading })).toBeVisible();
    await checkA11y(page, { label: s.path });
  }
  // Detail and edit screens, reached through their lists.
  await page.goto("/orgs?q=阿武");
  await page.getByRole("link", { name: "阿武町" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "阿武町" })).toBeVisible();
  await checkA11y(page, { label: "org detail" });
  await page.getByRole("link", { name: "編集する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "阿武町 の編集" })).toBeVisible();
  await checkA11y(page, { label: "org edit" });

  await page.goto("/users?q=yamaguchi");
  await page.getByRole("link", { name: "山口 花子" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "山口 花子" })).toBeVisible();
  await checkA11y(page, { label: "user detail" });
});

test("the organisation CSV import lists every bad line", async ({ page }) => {
  await signIn(page, demoUsers.secretariat, { to: "/orgs/import" });
  const csv = ["lg_code,kind,name,kana,name_en,population", "352021,city,宇部市,うべし,Ube,160000", "123456,town,,,,abc"].join(
    "\n",
  );
  await page.getByLabel("CSVファイル").setInputFiles({ name: "orgs.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "取り込む" }).click();
  await expect(page.getByRole("alert")).toContainText("何も取り込んでいません");
  const issues = page.getByRole("table");
  await expect(issues.getByRole("row").filter({ hasText: /^3/ }).first()).toBeVisible();
  await checkA11y(page, { label: "import errors" });
});

test("an observer does not see the admin screens", async ({ page }) => {
  await signIn(page, demoUsers.observer);
  const nav = page.getByRole("navigation", { name: "メインメニュー" });
  await expect(nav.getByRole("link", { name: "会議体" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "監査ログ" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "ユーザー管理" })).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "ホーム" })).toBeVisible();
  await checkA11y(page, { label: "observer home" });
});

test("the organisation list is paged like every list: the total, the range shown, and a filter that narrows it", async ({
  page,
}) => {
  await signIn(page, demoUsers.admin, { to: "/orgs" });
  const all = await page.request.get("/api/orgs?limit=1");
  const total = (await all.json()).total as number;
  expect(total).toBeGreaterThan(19);
  const pager = page.getByRole("navigation", { name: "ページ送り" });
  await expect(pager).toContainText(`${total}件中 1〜${Math.min(total, 50)}件を表示`);
  await expect(page.getByRole("table", { name: `団体一覧（${total}件）` })).toBeVisible();
  await page.goto("/orgs?q=阿武");
  await expect(page.getByRole("table", { name: "団体一覧（1件）" })).toBeVisible();
  await expect(pager).toContainText("絞り込み中：該当 1件中 1〜1件を表示");
  await checkA11y(page, { label: "org list filtered" });
});
