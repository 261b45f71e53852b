import fs from "node:fs";
import * as XLSX from "xlsx";
import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";
import { writes } from "../support/writes.js";

/**
 * The story: the secretariat opens a joint-procurement project, names three participants
 * (阿武町 from October), sets two scenarios (均等割 6% + 人口割 94%, and 均等割 10% + 人口割 90% with the
 * remainder on the largest share), compares them, freezes the first as agreed and downloads the 別表,
 * whose numbers SheetJS reads and which sum to the total. Axe runs on every page visited.
 */
test("procurement: project, two scenarios, comparison, freeze, 別表 download", async ({ page }) => {
  test.setTimeout(180_000);
  const name = `AI-OCR共同利用 ${Date.now()}`;
  await signIn(page, demoUsers.secretariat, { to: "/procurement" });
  await expect(page.getByRole("heading", { level: 1, name: "共同調達・費用按分" })).toBeVisible();
  await checkA11y(page, { label: "procurement list" });
  await page.getByLabel("事業名").fill(name);
  await page.getByLabel("種別").selectOption("ai_ocr");
  await page.getByLabel("開始年度（西暦）").fill("2026");
  // An end year before the start is the schema's refusal, in the browser, under the end year, with nothing sent.
  const sent = writes(page);
  const yearTo = page.getByLabel("終了年度（西暦）");
  await yearTo.fill("2025");
  await page.getByRole("button", { name: "事業を登録" }).click();
  await expect(yearTo).toHaveAccessibleDescription(/終了年度は開始年度以降にしてください/);
  await expect(yearTo).toBeFocused();
  expect(sent).toEqual([]);
  await checkA11y(page, { label: "procurement list, browser-checked year" });
  await yearTo.fill("2026");
  await page.getByRole("button", { name: "事業を登録" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("RPA等共同利用WG")).toBeVisible();

  for (const org of ["山口県", "山口市", "阿武町"]) await page.getByLabel(org, { exact: true }).check();
  await page.getByLabel("阿武町 参加日").fill("2026-10-01");
  await checkA11y(page, { label: "project detail (editing participants)" });
  await page.getByRole("button", { name: "参加団体を保存" }).click();
  await expect(page.getByRole("button", { name: "参加団体を保存" })).toBeEnabled();
  // Phases: an end before the start is refused under that phase's field; a corrected one is saved.
  await page.getByLabel("入札 開始日").fill("2026-08-01");
  await page.getByLabel("入札 終了日").fill("2026-07-01");
  await page.getByLabel("入札 状態").selectOption("in_progress");
  await page.getByRole("button", { name: "段階を保存" }).click();
  await expect(page.getByLabel("入札 終了日")).toHaveAccessibleDescription(/入札：終了日が開始日より前です/);
  await checkA11y(page, { label: "project detail (phases refused)" });
  await page.getByLabel("入札 終了日").fill("2026-08-31");
  await page.getByRole("button", { name: "段階を保存" }).click();
  await expect(page.getByText(/入札（実施中/)).toBeVisible();
  const docs = page.getByLabel("資料の場所（/documents/… などシステム内のリンク）");
  await docs.fill("https://example.com/x");
  await page.getByRole("button", { name: "資料の場所を保存" }).click();
  await expect(page.getByText("資料の場所はこのシステム内のリンクを入力してください")).toBeVisible();
  await docs.fill("/documents");
  await page.getByRole("button", { name: "資料の場所を保存" }).click();
  await expect(page.getByRole("link", { name: "関連資料", exact: true })).toHaveAttribute("href", "/documents");
  const open = page.getByLabel("全団体の按分表を参加団体に公開する");
  await expect(open).not.toBeChecked();
  const patched = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/procurement/projects/"));
  await open.check();
  expect((await patched).status()).toBe(200);
  await page.reload();
  await expect(page.getByLabel("全団体の按分表を参加団体に公開する")).toBeChecked();

  const scenario = async (title: string, equal: string, population: string, remainder?: string) => {
    await page.getByLabel("案の名前").fill(title);
    await page.getByLabel("総額（円）").fill("12,345,678");
    await page.getByLabel("均等割（%）").fill(equal);
    await page.getByLabel("人口割（%）").fill(population);
    if (remainder) await page.getByLabel("端数の扱い").selectOption(remainder);
    await page.getByRole("button", { name: "按分案を作成" }).click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(title) })).toBeVisible();
    await expect(page.getByText("合計：12,345,678")).toBeVisible();
  };
  // A percentage total that is not 100% is refused with the figure named.
  await page.getByLabel("案の名前").fill("誤り");
  await page.getByLabel("総額（円）").fill("1000");
  await page.getByLabel("人口割（%）").fill("93");
  await page.getByRole("button", { name: "按分案を作成" }).click();
  await expect(page.getByText(/合計が99%です/).first()).toBeVisible();

  await scenario("均等割6・人口割94", "6", "94");
  await checkA11y(page, { label: "scenario (draft)" });
  await page.getByRole("link", { name }).click();
  await scenario("均等割10・人口割90", "10", "90", "largest");
  // The draft's figures per participant: a bound the server refuses is shown under that town's field,
  // and a saved lower bound changes the town's share.
  const abuRow = page.getByRole("table", { name: "負担金の按分表" }).getByRole("row", { name: /阿武町/ });
  await expect(abuRow).not.toContainText("5,000,000");
  await page.getByLabel("阿武町 利用量").fill("120.5");
  await page.getByLabel("阿武町 下限（円）").fill("5,000,000");
  await page.getByLabel("阿武町 上限（円）").fill("1000");
  await page.getByRole("button", { name: "利用量を保存" }).click();
  await expect(page.getByLabel("阿武町 上限（円）")).toHaveAccessibleDescription(/上限額が下限額より小さく/);
  await checkA11y(page, { label: "scenario (usage form with a refused bound)" });
  await page.getByLabel("阿武町 上限（円）").fill("");
  await page.getByRole("button", { name: "利用量を保存" }).click();
  await expect(abuRow).toContainText("5,000,000");
  await expect(abuRow).toContainText("120.5");
  await page.reload();
  await expect(page.getByLabel("阿武町 下限（円）")).toHaveValue("5000000");
  // Usage from another feature: nothing is sent until a metric is chosen.
  await page.getByRole("button", { name: "利用量を取り込む" }).click();
  await expect(page.getByLabel("指標", { exact: true })).toHaveAccessibleDescription(/指標を選んでください/);
  await page.getByLabel("取組状況の区分").selectOption({ label: "RPA等共同利用" });
  await page.getByLabel("指標", { exact: true }).selectOption({ label: "自動化した業務数：業務数" });
  await expect(page.getByLabel("指標", { exact: true })).not.toHaveAccessibleDescription(/指標を選んでください/);
  await page.getByLabel("取込元").selectOption("survey");
  await expect(page.getByLabel("数値の設問")).toBeVisible();
  await checkA11y(page, { label: "scenario (usage from a survey)" });
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name: "按分案を比較" })).toBeVisible();
  await page.getByLabel("比較する案（A）").selectOption({ label: "令和8年度 第1版 均等割6・人口割94" });
  await page.getByLabel("比較する案（B）").selectOption({ label: "令和8年度 第2版 均等割10・人口割90" });
  await expect(page.getByRole("columnheader", { name: "差額（B−A）" })).toBeVisible();
  await checkA11y(page, { label: "project detail (comparison)" });

  await page.getByRole("link", { name: "均等割6・人口割94" }).click();
  await page.getByRole("button", { name: "この案で確定する（合意）" }).click();
  await expect(page.getByText(/県 事務局 担当 が .* に確定/)).toBeVisible();
  await checkA11y(page, { label: "scenario (frozen)" });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "別表をダウンロード（Excel）" }).click();
  const file = await (await download).path();
  const wb = XLSX.read(fs.readFileSync(file!), { type: "buffer" });
  const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets["別表"]!, { header: 1, raw: true });
  const head = grid.findIndex((r) => r[0] === "団体コード");
  const col = grid[head]!.indexOf("負担額（円）");
  const rows = grid.slice(head + 1, head + 4);
  expect(rows.map((r) => r[1])).toEqual(["山口県", "山口市", "阿武町"]);
  expect(rows.reduce((s, r) => s + (r[col] as number), 0)).toBe(12_345_678);
  expect(rows[2]![2]).toBe(6); // 阿武町 from October: six months
});
