import fs from "node:fs";
import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import * as XLSX from "xlsx";
import { apiClient, checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

const jstToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

/** The heatmap table's cell for a municipality and an item (the link inside the cell). */
const cell = (page: Page, org: string, item: string) =>
  page.getByRole("region", { name: "市町 × 項目の進捗率（表）" }).getByRole("link", { name: new RegExp(`^${org} ${item} `) });
/** The cell's visible number, read from its text "阿武町 戸籍 92!特％ …". */
const cellValue = async (page: Page, org: string, item: string) =>
  Number((await cell(page, org, item).textContent())?.match(new RegExp(`${item}\\s*(\\d+)`))?.[1]);

test("阿武町 updates a step: the dashboard cell moves and the history tells who, when and what", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, demoUsers.abu, { to: "/progress" });
  await expect(page.getByRole("heading", { level: 1, name: "取組状況" })).toBeVisible();
  await expect(page.getByRole("img", { name: /ヒートマップ/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "月末時点の進捗率" })).toBeVisible();
  await checkA11y(page, { label: "progress dashboard" });
  // The table marks exactly the cells the summary counts as past due and as exceptions, in each link's name.
  const summary = await apiClient(page).get("/progress/dashboard");
  const total = (key: "overdueItems" | "exceptionItems") =>
    summary.orgs.reduce((n: number, o: Record<typeof key, number>) => n + o[key], 0);
  const table = page.getByRole("region", { name: "市町 × 項目の進捗率（表）" });
  expect(total("overdueItems")).toBeGreaterThan(0);
  await expect(table.getByRole("link", { name: /予定日・期限を過ぎて未完了/ })).toHaveCount(total("overdueItems"));
  await expect(table.getByRole("link", { name: /移行困難等/ })).toHaveCount(total("exceptionItems"));
  const before = await cellValue(page, "阿武町", "戸籍");

  await cell(page, "阿武町", "戸籍").click();
  await expect(page.getByRole("heading", { level: 1, name: "阿武町｜戸籍" })).toBeVisible();
  await checkA11y(page, { label: "record page" });
  const pctBefore = (await page.getByTestId("record-pct").textContent()) ?? "";
  // The first step that is not done yet becomes done today (the form fills in today's date).
  const selects = page.getByRole("combobox", { name: / 状況$/ });
  const count = await selects.count();
  let stepName = "";
  for (let i = 0; i < count; i++) {
    const s = selects.nth(i);
    if ((await s.inputValue()) !== "done") {
      stepName = (await s.getAttribute("aria-label"))!.replace(/ 状況$/, "");
      await s.selectOption("done");
      break;
    }
  }
  await expect(page.getByRole("textbox", { name: `${stepName} 実績日` })).toHaveValue(jstToday());
  await page.getByLabel("メモ（履歴に残ります）").fill("ベンダから完了報告を受領");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました。" })).toBeVisible();
  await expect(page.getByTestId("record-pct")).not.toHaveText(pctBefore);
  const history = page.getByRole("region", { name: "変更の履歴" });
  const latest = history.getByRole("listitem").first();
  await expect(latest).toContainText("阿武 由美");
  await expect(latest).toContainText(`${stepName} 状況`);
  await expect(latest).toContainText("完了");
  await expect(latest).toContainText("ベンダから完了報告を受領");
  await checkA11y(page, { label: "record page after saving" });

  await page.getByRole("navigation", { name: "現在位置" }).getByRole("link", { name: "取組状況" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "取組状況" })).toBeVisible();
  await expect.poll(() => cellValue(page, "阿武町", "戸籍")).toBeGreaterThan(before);

  // Another town's record is read-only for 阿武町.
  await cell(page, "周南市", "戸籍").click();
  await expect(page.getByRole("heading", { level: 1, name: "周南市｜戸籍" })).toBeVisible();
  await expect(page.getByRole("button", { name: "保存する" })).toHaveCount(0);
  await expect(page.getByText("この記録は周南市の職員と県の事務局が更新できます。")).toBeVisible();

  // The municipality page and the item page.
  await page.goto("/progress");
  await page
    .getByRole("region", { name: "市町 × 項目の進捗率（表）" })
    .getByRole("link", { name: "阿武町", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "阿武町の取組状況" })).toBeVisible();
  await expect(page.getByRole("region", { name: "最近の更新" })).toContainText("ベンダから完了報告を受領");
  await checkA11y(page, { label: "municipality page" });
  await page.goto("/progress");
  await page
    .getByRole("region", { name: "市町 × 項目の進捗率（表）" })
    .getByRole("link", { name: /^\d+(\.\d)?%$/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /（全市町）$/ })).toBeVisible();
  await checkA11y(page, { label: "item page" });

  // "As of" a past day is rebuilt from the history.
  await page.goto("/progress");
  const past = new Date(Date.now() - 120 * 86400_000).toISOString().slice(0, 10);
  await page.getByLabel("表示する時点").fill(past);
  await page.getByRole("button", { name: "表示する", exact: true }).click();
  await expect(page.getByText(/時点の状況を表示しています/)).toBeVisible();
  await checkA11y(page, { label: "dashboard as of a past day" });
});

/** The sheet of one item, downloaded like a clerk would, as an exceljs workbook. */
async function itemSheet(page: Page, itemName: string) {
  const api = apiClient(page);
  const programmes = await api.get("/progress/programmes");
  const programme = await api.get(`/progress/programmes/${programmes.items[0].id}`);
  const item = programme.items.find((i: { name: string }) => i.name === itemName);
  const res = await page.request.get(`/api/progress/export?programmeId=${programme.id}&itemId=${item.id}&format=xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  return wb;
}

test("the import preview rejects a bad file cell by cell and accepts a good one", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, demoUsers.abu, { to: "/progress/import" });
  await expect(page.getByRole("heading", { level: 1, name: "取組状況の一括登録" })).toBeVisible();
  await checkA11y(page, { label: "import page" });

  const wb = await itemSheet(page, "戸籍の附票");
  const ws = wb.worksheets[0]!;
  let row = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(2).value === "阿武町") row = n;
  });
  let col = 3;
  while (ws.getRow(row).getCell(col).value === "完了") col += 3;
  ws.getRow(row).getCell(col + 1).value = "2026-13-45"; // not a date
  const bad = Buffer.from(await wb.xlsx.writeBuffer());
  await page.getByLabel("取り込むファイル（.xlsx または .csv）").setInputFiles({
    name: "附票.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: bad,
  });
  await page.getByRole("button", { name: "内容を確認する（まだ取り込みません）" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1 件の誤りがあります" })).toBeVisible();
  const letter = String.fromCharCode(64 + col + 1);
  await expect(page.getByRole("cell", { name: `20 戸籍の附票!${letter}${row}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "この内容で取り込む" })).toHaveCount(0);
  await checkA11y(page, { label: "import preview with errors" });

  ws.getRow(row).getCell(col + 1).value = new Date("2027-02-01T00:00:00Z");
  const good = Buffer.from(await wb.xlsx.writeBuffer());
  await page.getByLabel("取り込むファイル（.xlsx または .csv）").setInputFiles({
    name: "附票.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: good,
  });
  await page.getByRole("button", { name: "内容を確認する（まだ取り込みません）" }).click();
  await expect(page.getByText("変更 1 件")).toBeVisible();
  await expect(page.getByRole("cell", { name: "阿武町" })).toBeVisible();
  await page.getByRole("button", { name: "この内容で取り込む" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 件を取り込みました。" })).toBeVisible();
  await checkA11y(page, { label: "import done" });
});

test("the secretariat defines a programme and its items on screen", async ({ page }) => {
  await signIn(page, demoUsers.secretariat, { to: "/progress/manage" });
  await expect(page.getByRole("heading", { level: 1, name: "取組・項目の設定" })).toBeVisible();
  await checkA11y(page, { label: "manage page" });
  const form = page.getByRole("region", { name: "取組を追加" });
  await form.getByLabel(/^コード/).fill("gis");
  await form.getByLabel(/^名称/).fill("統合型GISの共同利用");
  await form.getByRole("button", { name: "追加する" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /統合型GISの共同利用/ })).toBeVisible();
  const item = page.getByRole("region", { name: "項目を追加" });
  // The server's rule for codes, checked before anything is sent.
  await item.getByLabel(/^コード/).fill("地図");
  await item.getByLabel(/^名称/).fill("共同調達への参加");
  await item.getByRole("button", { name: "追加する" }).click();
  await expect(item.getByText("コードは半角英数字と - _ . で入力してください")).toBeVisible();
  await expect(item.getByLabel(/^コード/)).toBeFocused();
  await item.getByLabel(/^コード/).fill("map");
  await item.getByRole("button", { name: "追加する" }).click();
  await expect(page.getByText("map 共同調達への参加")).toBeVisible();
  await page.getByText("map 共同調達への参加").click();
  const step = page.getByRole("form", { name: "ステップを追加" });
  await step.getByLabel(/^コード/).fill("s1");
  await step.getByLabel(/^名称/).fill("参加の意向確認");
  await step.getByRole("button", { name: "ステップを追加" }).click();
  await expect(page.getByText("s1 参加の意向確認")).toBeVisible();
  await checkA11y(page, { label: "manage page with a new programme" });
});

test("the whole programme's Excel is made in the background: the page shows its progress, then offers the file", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, demoUsers.secretariat, { to: "/progress" });
  await expect(page.getByRole("heading", { level: 1, name: "取組状況" })).toBeVisible();
  // The largest programme (19 towns × 20 systems), chosen by name: a test before this one adds a small
  // programme that may be listed first, whose file is written before the page can show its progress.
  await page.getByRole("combobox", { name: "取組" }).selectOption({ label: "基幹業務システムの標準化・共通化" });
  await page.getByRole("button", { name: "表示する" }).click();
  await expect(page).toHaveURL(/programmeId=/);
  await page.getByRole("button", { name: "Excel で書き出す" }).click();
  // Asked for: the job's percentage shows until the worker has written every sheet.
  await expect(page.getByRole("progressbar", { name: "Excel の作成状況" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /作成中 \d+%/ })).toBeVisible();
  await checkA11y(page, { label: "progress export in progress" });
  const link = page.getByRole("link", { name: /^ダウンロード：取組状況_基幹業務システムの標準化・共通化_.+\.xlsx$/ });
  await expect(link).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await checkA11y(page, { label: "progress export ready" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^取組状況_.+\.xlsx$/);
  const wb = XLSX.read(fs.readFileSync((await download.path())!), { type: "buffer" });
  expect(wb.SheetNames[0]).toBe("集計");
  const summary = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets["集計"]!, { header: 1, defval: null });
  expect(summary[2]!.slice(0, 2)).toEqual(["団体コード", "団体名"]);
  expect(summary.slice(3).map((r) => r[1])).toContain("阿武町");
});
