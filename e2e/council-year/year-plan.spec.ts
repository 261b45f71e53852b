import { execFileSync } from "node:child_process";
import fs from "node:fs";
import * as XLSX from "xlsx";
import { checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/** Japan's current fiscal year (April–March). */
const fiscalYearNow = () => {
  const jst = new Date(Date.now() + 9 * 3600_000);
  return jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
};

test("the secretariat lays out next year's plan, sees the clashes, exports it; a town reads it", async ({ page, newPage }) => {
  test.setTimeout(120_000);
  const fy = fiscalYearNow() + 3; // a year no other story plans
  await signIn(page, demoUsers.secretariat, { to: `/year-plan/${fy}` });
  const heading = page.getByRole("heading", { level: 1, name: /^令和\d+年度 年間計画$/ });
  await expect(heading).toBeVisible();
  await expect(page.getByText("この年度の予定はまだありません。")).toBeVisible();
  await checkA11y(page, { label: "empty yearly plan" });

  const form = page.getByRole("region", { name: "予定を追加" });
  const add = async (body: string, title: string, start: string, end = start) => {
    await form.getByRole("combobox", { name: /^会議体/ }).selectOption({ label: body });
    await form.getByLabel(/^目的・名称/).fill(title);
    await form.getByLabel(/^始まりの日/).fill(start);
    await form.getByLabel(/^終わりの日/).fill(end);
    await form.getByRole("button", { name: "予定を追加" }).click();
    // The form empties once the entry is stored.
    await expect(form.getByLabel(/^目的・名称/)).toHaveValue("");
    await expect(page.getByRole("cell", { name: title }).first()).toBeVisible();
  };
  await add(demoBodies.council, "第1回 連携会議（年間方針）", `${fy}-06-01`, `${fy}-06-30`);
  // 13 and 15 July of one week: two working groups in the same week.
  const monday = (() => {
    const d = new Date(`${fy}-07-13T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  })();
  const plus = (n: number) => new Date(Date.parse(`${monday}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
  await add(demoBodies.wgStandard, "標準化WG 第1回", plus(1));
  await add(demoBodies.wgOnline, "オンライン化WG 第1回", plus(3));
  // A weekday of ゴールデンウィーク (3–5 May are national holidays).
  const holiday = ["03", "04", "05"]
    .map((d) => `${fy}-05-${d}`)
    .find((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))!;
  await add(demoBodies.divide, "部会 第1回", holiday);
  // A milestone: the national budget request deadline.
  await form.getByRole("combobox", { name: /^種類/ }).selectOption({ label: "期限・節目" });
  await form.getByLabel(/^目的・名称/).fill("概算要求の締切");
  await form.getByLabel(/^始まりの日/).fill(`${fy}-08-31`);
  await form.getByRole("button", { name: "予定を追加" }).click();
  await expect(page.getByRole("cell", { name: "概算要求の締切" }).first()).toBeVisible();

  const warnings = page.getByText("確認が必要な予定").locator("..");
  await expect(warnings.getByText(`同じ週に${demoBodies.wgOnline}の予定があります`)).toBeVisible();
  await expect(warnings.getByText(`同じ週に${demoBodies.wgStandard}の予定があります`)).toBeVisible();
  await expect(warnings.getByText(/閉庁日です（祝日（(憲法記念日|みどりの日|こどもの日)））$/)).toBeVisible();
  // The timeline: the council's row lists its June meeting in the June column.
  const timeline = page.getByRole("table", { name: /会議体別の予定/ });
  const councilRow = timeline.getByRole("row", { name: new RegExp(`^${demoBodies.council}`) });
  await expect(councilRow.getByRole("cell").nth(2)).toHaveText("第1回 連携会議（年間方針）");
  await checkA11y(page, { label: "yearly plan with entries" });

  // A bad window is refused next to the field, in Japanese.
  await form.getByRole("combobox", { name: /^種類/ }).selectOption({ label: "会議" });
  await form.getByRole("combobox", { name: /^会議体/ }).selectOption({ label: demoBodies.council });
  await form.getByLabel(/^目的・名称/).fill("年度外の会議");
  await form.getByLabel(/^始まりの日/).fill(`${fy + 1}-04-10`);
  await form.getByRole("button", { name: "予定を追加" }).click();
  await expect(page.getByText(/年度の日付を入力してください/).first()).toBeVisible();
  await checkA11y(page, { label: "yearly plan with an error" });

  // The workbook, read with SheetJS.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excelで出力" }).click();
  const wb = XLSX.read(fs.readFileSync((await (await download).path())!), { type: "buffer", cellDates: true });
  const rows = XLSX.utils.sheet_to_json(wb.Sheets["年間計画"]!, { header: 1, raw: true }) as unknown[][];
  const wg = rows.find((r) => r[2] === "標準化WG 第1回")!;
  expect(wg[0]).toBe(demoBodies.wgStandard);
  expect((wg[3] as Date).toISOString().slice(0, 10)).toBe(plus(1));
  expect(wg[9]).toBe(`同じ週に${demoBodies.wgOnline}`);

  // The printable plan beside it: a PDF that qpdf finds sound, with the timeline's text.
  const pdfDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "PDFで出力（A4横）" }).click();
  const pdfPath = (await (await pdfDownload).path())!;
  execFileSync("qpdf", ["--check", pdfPath]);
  const pdfText = execFileSync("pdftotext", ["-layout", pdfPath, "-"]).toString();
  expect(pdfText).toContain("年間計画");
  expect(pdfText).toContain("標準化WG 第1回");
  expect(pdfText).toMatch(/同じ週に\s*行政手続/);

  // 阿武町 reads the plan but cannot change it.
  const abu = await newPage();
  await signIn(abu, demoUsers.abu, { to: `/year-plan/${fy}` });
  await expect(abu.getByRole("cell", { name: "標準化WG 第1回", exact: true })).toBeVisible();
  await expect(abu.getByRole("region", { name: "予定を追加" })).toHaveCount(0);
  await expect(abu.getByRole("button", { name: /を削除$/ })).toHaveCount(0);
  await checkA11y(abu, { label: "yearly plan (town)" });

  // The secretariat removes an entry by keyboard.
  const del = page.getByRole("button", { name: "「部会 第1回」を削除" });
  await del.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("cell", { name: "部会 第1回" })).toHaveCount(0);
  await expect(page.getByText(/^閉庁日です（祝日/)).toHaveCount(0);
});
