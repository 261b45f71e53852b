import fs from "node:fs";
import ExcelJS from "exceljs";
import * as XLSX from "xlsx";
import { perSheetWorkbook } from "../../server/modules/surveys/workbook/test-workbook.js";
import { parseCsvLines } from "../../shared/csv.js";
import { addDays, nextBusinessDay } from "../../shared/dates/calendar.js";
import { jstDate } from "../../shared/dates/jst.js";
import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/** The demo council's 19 cities and towns, one input sheet each in the ministry's workbook. */
const munis = parseCsvLines(fs.readFileSync("server/modules/demo/data/municipalities-yamaguchi.csv", "utf8"))
  .slice(1)
  .filter((r) => r.cells[1] !== "prefecture")
  .map((r) => ({ lgCode: r.cells[0]!, name: r.cells[2]! }));
const title = "自治体DX推進状況調査（団体別シート）";
const xlsxMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test("照会 relay, one sheet per municipality: import, a town answers on its own sheet by upload, write-back into its sheet", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, demoUsers.secretariat, { to: "/surveys" });
  await page.getByRole("button", { name: "国の様式から作成" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/^件名/).fill(title);
  await dialog.getByLabel("照会元の府省").fill("総務省");
  await dialog.getByLabel(/^国への回答期限/).fill(nextBusinessDay(addDays(jstDate(), 30)));
  await dialog
    .getByLabel("国から届いたファイル")
    .setInputFiles({ name: "調査票.xlsx", mimeType: xlsxMime, buffer: await perSheetWorkbook(munis) });
  await dialog.getByRole("button", { name: "読み込んで設問を作成" }).click();
  await expect(
    page.getByText(
      new RegExp(`団体ごとのシート（${munis.length}枚）の C6:C13 から 7 問を作りました（見本はシート「${munis[0]!.name}」）`),
    ),
  ).toBeVisible();
  await expect(page.getByRole("group", { name: /^設問1/ }).getByLabel(/^設問文/)).toHaveValue("職員数 正規（人）");
  await page.getByRole("link", { name: "概要" }).click();
  await page.getByRole("button", { name: "公開する" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "公開する" }).click();
  await expect(page.getByText("回答受付中")).toBeVisible();
  const surveyUrl = new URL(page.url()).pathname;

  // 阿武町's copy holds only its own sheet; filled in Excel and uploaded, it is read cell by cell.
  await signIn(page, demoUsers.abu, { to: surveyUrl });
  const excel = page.getByRole("region", { name: "Excel で回答する" });
  await expect(excel.getByText(/自団体のシートだけを残したファイル/)).toBeVisible();
  const download = page.waitForEvent("download");
  await excel.getByRole("link", { name: "自団体用の様式をダウンロード" }).click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await (await download).path());
  expect(wb.worksheets.map((w) => w.name)).toEqual(["記入要領", "阿武町", "リスト"]);
  const ws = wb.getWorksheet("阿武町")!;
  Object.entries({ C6: 18, C7: 4, C9: "令和8年10月1日", C10: "利用中", C11: "はい", C12: 2500, C13: "共同調達" }).forEach(
    ([ref, v]) => {
      ws.getCell(ref).value = v;
    },
  );
  await excel.getByLabel("入力した様式").setInputFiles({
    name: "阿武町_調査票.xlsx",
    mimeType: xlsxMime,
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  await excel.getByRole("button", { name: "読み取る" }).click();
  const preview = excel.getByRole("table", { name: /読み取った内容（阿武町_調査票.xlsx、シート「阿武町」）/ });
  await expect(preview.getByRole("row", { name: /阿武町!C9 導入予定日 — 令和8年10月1日/ })).toBeVisible();
  await checkA11y(page, { label: "upload preview of the own sheet" });
  await excel.getByRole("button", { name: "この内容で回答を保存" }).click();
  await expect(page.getByText(/ファイルの内容を回答に保存しました/)).toBeVisible();
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByText(/阿武 由美さんが提出しました/)).toBeVisible();

  // The secretariat writes every answer back into its municipality's sheet of the ministry's workbook.
  await signIn(page, demoUsers.secretariat, { to: `${surveyUrl}/status` });
  await checkA11y(page, { label: "status board of a per-sheet relay" });
  const back = page.waitForEvent("download");
  await page.getByRole("link", { name: "照合表（Excel）" }).click();
  const written = XLSX.read(fs.readFileSync(await (await back).path()), { cellFormula: true });
  expect(written.SheetNames).toHaveLength(munis.length + 2);
  const sheet = written.Sheets.阿武町!;
  expect(["C6", "C9", "C10", "C11", "C13"].map((r) => sheet[r]?.v)).toEqual([18, 46296, "利用中", "はい", "共同調達"]);
  expect(sheet.C8.f).toBe("SUM(C6:C7)");
  expect(written.Sheets.下関市!.C6?.v).toBeUndefined();
});
