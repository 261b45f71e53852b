import ExcelJS from "exceljs";
import { addDays, isBusinessDay } from "../../shared/dates/calendar.js";
import { jstDate } from "../../shared/dates/jst.js";
import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

const systems = [
  "住民基本台帳",
  "選挙人名簿管理",
  "固定資産税",
  "個人住民税",
  "法人住民税",
  "軽自動車税",
  "国民健康保険",
  "国民年金",
  "障害者福祉",
  "後期高齢者医療",
  "介護保険",
  "児童手当",
  "健康管理",
  "就学",
  "児童扶養手当",
  "生活保護",
  "子ども・子育て支援",
  "印鑑登録",
  "戸籍",
  "戸籍の附票",
];
/** A retry of the story makes its own survey, so the links of the first attempt do not get in its way. */
const titleOf = (retry: number) => `標準化の移行状況に関する照会（令和7年10月）${retry ? `・再試行${retry}` : ""}`;
/** The first Saturday at least two weeks ahead: the picker must warn about it. */
const saturday = () => {
  let d = addDays(jstDate(), 14);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 6) d = addDays(d, 1);
  return d;
};

test("a survey from the builder to the progress dashboard, with two clerks of one town answering at once", async ({
  page,
  newPage,
}, testInfo) => {
  test.setTimeout(300_000);
  const title = titleOf(testInfo.retry);

  // The secretariat builds the survey.
  await signIn(page, demoUsers.secretariat, { to: "/surveys" });
  await expect(page.getByRole("heading", { level: 1, name: "照会" })).toBeVisible();
  await checkA11y(page, { label: "survey list" });
  await page.getByRole("button", { name: "新しい照会を作成" }).click();
  await page.getByRole("dialog").getByLabel(/^件名/).fill(title);
  await page.getByRole("button", { name: "作成して設問を編集" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "設問と設定" })).toBeVisible();
  await page.getByLabel(/^説明・回答の注意/).fill("各業務の移行状況を回答してください。問い合わせ：県デジタル推進局");

  const question = (n: number) => page.getByRole("group", { name: new RegExp(`^設問${n}`) });
  const add = async (kind: string) => {
    await page.getByLabel("セクション1に追加する設問の形式").selectOption({ label: kind });
    await page.getByRole("button", { name: "設問を追加" }).click();
  };
  await add("短い文章");
  await question(1)
    .getByLabel(/^設問文/)
    .fill("担当課");
  await question(1).getByLabel("回答を必須にする").check();
  await add("数値");
  await question(2)
    .getByLabel(/^設問文/)
    .fill("担当職員数");
  await question(2).getByLabel("単位").fill("人");
  await question(2).getByLabel("最小値").fill("0");
  await question(2).getByLabel("最大値").fill("100");
  await add("単一選択");
  await question(3)
    .getByLabel(/^設問文/)
    .fill("移行の方式");
  await question(3).getByLabel("選択肢").fill("単独で調達\n共同で調達\n未定");
  await add("表（グリッド）");
  await question(4)
    .getByLabel(/^設問文/)
    .fill("標準準拠システムへの移行状況");
  await question(4)
    .getByLabel(/^行（項目）/)
    .fill(systems.join("\n"));
  await question(4).getByLabel("列1の見出し").fill("状況");
  await question(4).getByLabel("列1の形式").selectOption({ label: "単一選択" });
  await question(4).getByLabel("列1の選択肢").fill("完了\n作業中\n未着手");
  await question(4).getByLabel("列1を全行で必須にする").check();
  await question(4).getByRole("button", { name: "列を追加" }).click();
  await question(4).getByLabel("列2の見出し").fill("移行予定日");
  await question(4).getByLabel("列2の形式").selectOption({ label: "日付" });

  // The deadline picker knows the calendar: a Saturday is warned about, and the business day before is one click.
  await page.getByLabel(/^回答期限（日付）/).fill(saturday());
  await expect(page.getByText(/土曜日で、閉庁日です/)).toBeVisible();
  await checkA11y(page, { label: "survey builder" });
  await page.getByRole("button", { name: /^前の開庁日/ }).click();
  await expect(page.getByText(/閉庁日です/)).toHaveCount(0);
  expect(isBusinessDay(await page.getByLabel(/^回答期限（日付）/).inputValue())).toBe(true);
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("status").getByText("保存しました")).toBeVisible();

  await page.getByRole("button", { name: "回答者の画面で確認" }).click();
  await expect(page.getByRole("combobox", { name: "住民基本台帳・状況" })).toBeVisible();
  await checkA11y(page, { label: "survey preview" });

  await page.getByRole("link", { name: "概要" }).click();
  await page.getByRole("button", { name: "公開する" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "公開する" }).click();
  await expect(page.getByText("回答受付中")).toBeVisible();
  const surveyUrl = new URL(page.url()).pathname;
  await checkA11y(page, { label: "survey overview (secretariat)" });

  // Two clerks of 阿武町 open the answer at the same time.
  const abu2 = await newPage();
  await signIn(page, demoUsers.abu);
  const card = page.getByRole("region", { name: "回答をお願いしている照会" });
  await expect(card.getByText("未着手")).toBeVisible();
  await checkA11y(page, { label: "home with the surveys card" });
  await card.getByRole("link", { name: title }).click();
  await signIn(abu2, "abu2@example.jp", { to: surveyUrl });
  for (const p of [page, abu2]) await expect(p.getByRole("heading", { name: "阿武町の回答" })).toBeVisible();
  await checkA11y(page, { label: "answer form" });
  await page.getByLabel(/^担当課/).fill("総務課");
  await abu2.getByLabel(/^担当職員数/).fill("3");
  await expect(page.getByText(/阿武 由美さんが保存/)).toBeVisible();
  // The second save started from the old version: nothing is overwritten, both are shown, and she merges.
  const conflict = abu2.getByRole("region", { name: "同じ回答を別の人が先に保存しました" });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByText("担当課：総務課")).toBeVisible();
  await checkA11y(abu2, { label: "conflict panel" });
  await conflict.getByRole("button", { name: "統合して保存する" }).click();
  await expect(abu2.getByText(/奈古 誠さんが保存/)).toBeVisible();
  await expect(abu2.getByLabel(/^担当課/)).toHaveValue("総務課");
  await expect(abu2.getByLabel(/^担当職員数/)).toHaveValue("3");

  // The first clerk sees the merged draft, finishes the grid and submits.
  await page.reload();
  await expect(page.getByLabel(/^担当職員数/)).toHaveValue("3");
  await page.getByRole("radio", { name: "共同で調達" }).check();
  for (const [i, s] of systems.entries())
    await page.getByRole("combobox", { name: `${s}・状況` }).selectOption({ label: ["完了", "作業中", "未着手"][i % 3]! });
  // She presses 提出する while the automatic save of her last entry is still on its way (held here):
  // the submit waits for it and starts from the version it returned, so she does not conflict with herself.
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  await page.route(`**/api${surveyUrl}/answers/*`, async (route) => {
    if (route.request().method() === "PUT") await held;
    await route.continue();
  });
  const autosave = page.waitForRequest((r) => r.method() === "PUT" && r.url().includes("/answers/"));
  await page.getByLabel("住民基本台帳・移行予定日").fill("2026-03-31");
  await autosave;
  await page.getByRole("button", { name: "提出する" }).click();
  release();
  await expect(page.getByText(/阿武 由美さんが提出しました/)).toBeVisible();
  await expect(page.getByRole("region", { name: "同じ回答を別の人が先に保存しました" })).toHaveCount(0);
  await page.unrouteAll();

  // The status board shows who is late; the late ones are reminded in bulk.
  await signIn(page, demoUsers.secretariat, { to: `${surveyUrl}/status` });
  const row = page.getByRole("row", { name: /阿武町/ });
  await expect(row.getByText("提出済み")).toBeVisible();
  await expect(row.getByText(/阿武 由美/).first()).toBeVisible();
  await checkA11y(page, { label: "status board" });
  await page.getByRole("button", { name: "未提出の団体に督促する" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "未提出の団体に督促する" }).click();
  await expect(page.getByText("18団体に督促しました")).toBeVisible();

  // One answer goes back for correction; the town fixes and resubmits it.
  await row.getByRole("link", { name: "阿武町" }).click();
  await page.getByRole("button", { name: "修正を依頼して差し戻す" }).click();
  await page
    .getByRole("dialog")
    .getByLabel(/^差戻しの理由/)
    .fill("職員数を再確認してください。");
  await page.getByRole("dialog").getByRole("button", { name: "差し戻す" }).click();
  await expect(page.getByText("事務局から差し戻されました")).toBeVisible();
  await checkA11y(page, { label: "answer view (secretariat)" });
  await expect(abu2.getByText("職員数を再確認してください。")).toBeVisible({ timeout: 30_000 });
  await abu2.getByLabel(/^担当職員数/).fill("4");
  await abu2.getByRole("button", { name: "提出する" }).click();
  await expect(abu2.getByText(/奈古 誠さんが提出しました/)).toBeVisible();

  // Closed: aggregates with charts and tables, and the Excel file with one row per municipality.
  await page.goto(surveyUrl);
  await page.getByRole("button", { name: "締め切る" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "締め切る" }).click();
  await expect(page.getByText("締切済み")).toBeVisible();
  await page.getByRole("link", { name: "集計結果" }).click();
  await expect(page.getByText("回答 1 団体 / 対象 19 団体")).toBeVisible();
  await expect(page.getByRole("img", { name: /「移行の方式」のグラフ/ })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "「担当職員数」の集計表" }).getByRole("cell", { name: "4" }).first(),
  ).toBeVisible();
  await checkA11y(page, { label: "results" });
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excel（XLSX）でダウンロード" }).click();
  const file = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.getWorksheet("回答")!;
  expect(sheet.rowCount).toBe(2);
  expect((sheet.getRow(2).values as unknown[]).slice(2, 9)).toEqual([
    "阿武町",
    "提出済み",
    expect.any(Date), // the submission time as a real Excel date (Japan wall clock), not text
    "奈古 誠",
    "総務課",
    4,
    "共同で調達",
  ]);
  expect(wb.getWorksheet("標準準拠システムへの移行状況")!.rowCount).toBe(21);

  // Into progress: the grid's rows onto the business systems, the status onto the go-live step.
  await page.getByRole("link", { name: "進捗への反映" }).click();
  await page.getByLabel("反映先の取組").selectOption({ label: "基幹業務システムの標準化・共通化" });
  await page.getByRole("button", { name: "行を名前が同じ項目に対応づける" }).click();
  await expect(page.getByText("20行中20行を対応づけ済み")).toBeVisible();
  await page.getByLabel("「状況」の反映先").selectOption({ label: "ステップの状況" });
  await expect(page.getByLabel("「完了」→ 状況")).toHaveValue("done");
  await page.getByRole("button", { name: "反映内容を確認する" }).click();
  await expect(page.getByRole("heading", { name: "反映される内容（まだ保存していません）" })).toBeVisible();
  await expect(page.getByRole("row", { name: /阿武町 選挙人名簿管理/ })).toContainText("状況：完了 → 着手");
  await checkA11y(page, { label: "into progress preview" });
  await page.getByRole("button", { name: "進捗に反映する" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "進捗に反映する" }).click();
  await expect(page.getByText(/件の取組状況を更新しました/)).toBeVisible();
});
