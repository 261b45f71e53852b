import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

test("support-priority radar: a town's admin enters its digital staff; the secretariat shares out the hours under the capacity", async ({
  page,
  newPage,
}) => {
  test.setTimeout(120_000);
  // 山口市's admin keeps its digital-staff headcount on its organisation page.
  const town = await newPage();
  await signIn(town, demoUsers.yamaguchi, { to: "/orgs" });
  await town.getByRole("link", { name: "山口市" }).first().click();
  await expect(town.getByRole("heading", { level: 2, name: "デジタル人材の人数" })).toBeVisible();
  await town.getByRole("textbox", { name: "デジタル人材の人数" }).fill("－1");
  await town.getByRole("button", { name: "人数を保存" }).click();
  await expect(town.getByText("デジタル人材の人数は0〜10000の範囲で入力してください").first()).toBeVisible();
  await town.getByRole("textbox", { name: "デジタル人材の人数" }).fill("０");
  await town.getByRole("button", { name: "人数を保存" }).click();
  await expect(town.getByText("デジタル人材の人数を保存しました。")).toBeVisible();
  await checkA11y(town, { ...bell, label: "org page with digital staff" });

  await signIn(page, demoUsers.secretariat, { to: "/insight" });
  await page.getByRole("link", { name: "支援の優先度（レーダー）" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "支援の優先度（レーダー）" })).toBeVisible();
  const table = page.getByRole("table", { name: "市町ごとの点数・要素・時間の配分" });
  await expect(table.getByRole("row")).toHaveCount(20);
  const yamaguchi = table.getByRole("row", { name: /山口市/ });
  await expect(yamaguchi).toContainText("0人");
  await expect(yamaguchi.getByRole("cell").nth(8)).toHaveText("1件／10点");
  await expect(page.locator("canvas")).toBeVisible();
  await checkA11y(page, { ...bell, label: "radar" });

  // The proposal fills 160 hours; a capacity of 100 is refused, 160 is saved.
  await page.getByRole("button", { name: "配分案をそのまま入れる" }).click();
  await page.getByLabel("専門人材の時間の上限（時間）").fill("100");
  await expect(page.getByText("配分の合計：160時間／上限 100時間")).toBeVisible();
  await page.getByRole("button", { name: "配分を保存" }).click();
  await expect(
    page.getByText("配分の合計が専門人材の時間の上限を超えています。上限を上げるか配分を減らしてください").first(),
  ).toBeVisible();
  await checkA11y(page, { ...bell, label: "radar with an error" });
  await page.getByLabel("専門人材の時間の上限（時間）").fill("160");
  await page.getByRole("button", { name: "配分を保存" }).click();
  await expect(page.getByText("配分を保存しました。")).toBeVisible();
});
