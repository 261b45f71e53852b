import fs from "node:fs";
import ExcelJS from "exceljs";
import * as XLSX from "xlsx";
import { ministryWorkbook } from "../../server/modules/surveys/workbook/test-workbook.js";
import { parseCsvLines } from "../../shared/csv.js";
import { addBusinessDays, addDays, nextBusinessDay } from "../../shared/dates/calendar.js";
import { jstDate } from "../../shared/dates/jst.js";
import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/** The demo council's 19 cities and towns, as the ministry's form lists them (code order). */
const munis = parseCsvLines(fs.readFileSync("server/modules/demo/data/municipalities-yamaguchi.csv", "utf8"))
  .slice(1)
  .filter((r) => r.cells[1] !== "prefecture")
  .map((r) => ({ lgCode: r.cells[0]!, name: r.cells[2]! }));
const rowOf = (name: string) => 5 + munis.findIndex((m) => m.name === name);
const title = "自治体DX推進状況調査（国照会）";

test("照会 relay: the secretariat imports the ministry's workbook, a town answers by upload, the secretariat writes back", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const workbook = await ministryWorkbook(munis);

  // The secretariat drops the ministry's workbook; questions are proposed from its table.
  await signIn(page, demoUsers.secretariat, { to: "/surveys" });
  await page.getByRole("button", { name: "国の様式から作成" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/^件名/).fill(title);
  const national = nextBusinessDay(addDays(jstDate(), 30));
  await dialog.getByLabel("照会元の府省").fill("総務省");
  await dialog.getByLabel("文書番号").fill("総行デ第123号");
  await dialog.getByLabel(/^国への回答期限/).fill(national);
  await dialog.getByLabel("国の問合せ先").fill("自治行政局 デジタル基盤推進室");
  await dialog.getByLabel("国から届いたファイル").setInputFiles({
    name: "調査票.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: workbook,
  });
  await checkA11y(page, { label: "workbook import dialog" });
  await dialog.getByRole("button", { name: "読み込んで設問を作成" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "設問と設定" })).toBeVisible();
  await expect(page.getByText(/シート「調査票」の B5:J23 から 7 問を作りました/)).toBeVisible();
  await expect(page.getByRole("group", { name: /^設問3/ }).getByLabel(/^設問文/)).toHaveValue("導入予定日");
  await checkA11y(page, { label: "imported survey in the builder" });
  // The internal deadline: five business days before the national one.
  await expect(page.getByLabel(/^回答期限（日付）/)).toHaveValue(addBusinessDays(national, -5));
  await page.getByRole("link", { name: "概要" }).click();
  await expect(page.getByRole("region", { name: "国の照会" }).getByText("総行デ第123号")).toBeVisible();
  await page.getByRole("button", { name: "公開する" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "公開する" }).click();
  await expect(page.getByText("回答受付中")).toBeVisible();
  const surveyUrl = new URL(page.url()).pathname;

  // 阿武町 downloads its copy, fills it in Excel, uploads it, checks what was read, saves and submits.
  await signIn(page, demoUsers.abu, { to: surveyUrl });
  const excel = page.getByRole("region", { name: "Excel で回答する" });
  await expect(excel).toBeVisible();
  await checkA11y(page, { label: "answer with the Excel option" });
  const download = page.waitForEvent("download");
  await excel.getByRole("link", { name: "自団体用の様式をダウンロード" }).click();
  const copy = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  const ws = wb.getWorksheet("調査票")!;
  const r = rowOf("阿武町");
  Object.entries({ D: 18, E: 4, F: "令和8年10月1日", G: "利用中", H: "はい", I: 2500, J: "共同調達" }).forEach(([c, v]) => {
    ws.getCell(`${c}${r}`).value = v;
  });
  await excel.getByLabel("入力した様式").setInputFiles({
    name: "阿武町_調査票.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  await excel.getByRole("button", { name: "読み取る" }).click();
  const preview = excel.getByRole("table", { name: /読み取った内容/ });
  await expect(preview.getByRole("row", { name: new RegExp(`調査票!F${r} 導入予定日 — 令和8年10月1日`) })).toBeVisible();
  await checkA11y(page, { label: "upload preview" });
  await excel.getByRole("button", { name: "この内容で回答を保存" }).click();
  await expect(page.getByText(/ファイルの内容を回答に保存しました/)).toBeVisible();
  await expect(page.getByLabel(/^職員数 正規（人）/)).toHaveValue("18");
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByText(/阿武 由美さんが提出しました/)).toBeVisible();

  // The secretariat's yearly register of national surveys, then the write-back into the ministry's own workbook.
  await signIn(page, demoUsers.secretariat, { to: "/surveys" });
  const register = page.getByRole("region", { name: /^国からの照会/ });
  await expect(register.getByRole("row", { name: new RegExp(`${title}.*総務省.*総行デ第123号`) })).toBeVisible();
  await checkA11y(page, { label: "survey list with the yearly register" });
  await page.goto(`${surveyUrl}/status`);
  const abuRow = page.getByRole("row", { name: /阿武町/ });
  await expect(abuRow.getByText("提出済み")).toBeVisible();
  // 確認済: the unchecked filter shows the one submission; the secretariat checks it.
  await page.getByRole("radio", { name: "未確認" }).check();
  await expect(page.getByRole("row")).toHaveCount(2);
  await abuRow.getByRole("button", { name: "阿武町の回答を確認済みにする" }).click();
  await expect(page.getByText("1 件を確認済みにしました。")).toBeVisible();
  await page.getByRole("radio", { name: "すべて" }).check();
  await expect(abuRow.getByText("確認済", { exact: true })).toBeVisible();
  await expect(abuRow.getByText(/（県 事務局 担当）$/)).toBeVisible();
  await checkA11y(page, { label: "status board with checks and write-back" });
  const back = page.waitForEvent("download");
  await page.getByRole("link", { name: "照合表（Excel）" }).click();
  const written = XLSX.read(fs.readFileSync(await (await back).path()), { cellFormula: true });
  expect(written.SheetNames).toEqual(["記入要領", "調査票", "リスト"]);
  const sheet = written.Sheets.調査票!;
  expect(["D", "G", "H", "I", "J"].map((c) => sheet[`${c}${r}`]?.v)).toEqual([18, "利用中", "はい", 2500, "共同調達"]);
  expect(sheet[`F${r}`].v).toBe(46296); // 2026-10-01 as an Excel date, in the ministry's 和暦 format
  expect(sheet.D24.f).toBe("SUM(D5:D23)");
});
