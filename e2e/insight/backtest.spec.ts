import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

const bell = { exclude: ['a[href="/notifications"][aria-label]'] };
const jstToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

test("the radar's backtest: the scores of half a year ago against the items behind later, as a chart and a table", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, demoUsers.secretariat, { to: "/insight/radar" });
  await page.getByRole("link", { name: "過去の日付で検証する（バックテスト）" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "レーダーの検証（バックテスト）" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "結果", exact: true })).toBeVisible();
  await expect(page.getByText(/^点数の上位4分の1（5団体）のうち、その時点で遅れていた団体：\d団体$/)).toBeVisible();
  const table = page.getByRole("table", { name: /の点数と.*の遅れ$/ });
  await expect(table.getByRole("row")).toHaveCount(20);
  await expect(table.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("1");
  await expect(page.locator("canvas")).toBeVisible();
  await checkA11y(page, { ...bell, label: "radar backtest" });

  // A day that has not passed is refused with what to do.
  await page.getByLabel("検証する日").fill(jstToday());
  await page.getByRole("button", { name: "検証する" }).click();
  await expect(page.getByText("検証する日は過去の日付を指定してください。").first()).toBeVisible();
  await checkA11y(page, { ...bell, label: "radar backtest refused" });

  // An outcome day of one's own choosing.
  await page.getByLabel("検証する日").fill("2026-01-05");
  await page.getByLabel("結果を見る日（任意）").fill("2026-03-02");
  await page.getByRole("button", { name: "検証する" }).click();
  await expect(page.getByText(/と、令和8年（2026年）3月2日の時点で遅れていた項目数を比べています。$/)).toBeVisible();
});
