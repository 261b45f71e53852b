import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

test("a town's progress page says why each item is behind", async ({ page }) => {
  await signIn(page, demoUsers.kaminoseki, { to: "/progress" });
  await page.getByRole("link", { name: "自団体のページ" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /上関町/ })).toBeVisible();
  // 上関町's migrations planned for 令和8年3月31日 are not finished: the page names the passed date.
  await expect(page.getByText(/遅れている理由：.*予定日 令和8年3月31日 を過ぎて未完了/).first()).toBeVisible();
  await checkA11y(page, { label: "org progress" });
});

test("a filtered list says its total is filtered", async ({ page }) => {
  await signIn(page, demoUsers.admin, { to: "/users" });
  await expect(page.getByText(/^\d+件中 1〜\d+件を表示$/)).toBeVisible();
  await page.goto("/users?q=yamaguchi");
  await expect(page.getByText(/^絞り込み中：該当 \d+件中 1〜\d+件を表示$/)).toBeVisible();
  await checkA11y(page, { label: "users filtered" });
});

test("a specialist has no surveys menu, and the surveys page explains why instead of 「照会が見つかりません」", async ({
  page,
}) => {
  await signIn(page, demoUsers.specialist, { to: "/" });
  await expect(page.getByRole("navigation").getByRole("link", { name: "照会" })).toHaveCount(0);
  await page.goto("/surveys");
  await expect(page.getByRole("heading", { level: 1, name: "照会" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "専門人材のアカウントでは照会の一覧は表示されません" })).toBeVisible();
  await expect(page.getByText("照会が見つかりません")).toHaveCount(0);
  await checkA11y(page, { label: "surveys for a specialist" });
});
