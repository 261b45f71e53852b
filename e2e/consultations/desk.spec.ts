import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

// The whole story of the issue, in order: a small town asks, the desk answers, the answer becomes an FAQ
// another clerk is offered, and a support engagement follows. Each step checks accessibility.
test.describe.configure({ mode: "serial" });

const subject = "住民基本台帳の標準化に向けたフィット＆ギャップ分析の進め方";
const pdf = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
let url = "";
let attachmentHref = "";

test("上関町 files a consultation with its vendor's document", async ({ page }) => {
  await signIn(page, demoUsers.kaminoseki, { to: "/consultations" });
  await expect(page.getByRole("heading", { level: 1, name: "自団体の相談" })).toBeVisible();
  await checkA11y(page, { label: "own consultations" });
  await page.getByRole("link", { name: "新しい相談" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "新しい相談" })).toBeVisible();
  await checkA11y(page, { label: "new consultation" });

  // An empty subject is refused next to the field, and nothing typed is lost.
  await page.getByRole("combobox", { name: /^分類/ }).selectOption({ label: "システム標準化" });
  await page
    .getByRole("textbox", { name: /^相談内容/ })
    .fill("上関町では担当が一人です。ベンダーから比較表をもらいましたが、どこから確認すればよいでしょうか。");
  await page.getByRole("button", { name: "相談を送る" }).click();
  await expect(page.getByText("件名を入力してください")).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^相談内容/ })).toHaveValue(/ベンダーから比較表/);
  await checkA11y(page, { label: "new consultation with an error" });

  await page.getByRole("textbox", { name: /^件名/ }).fill(subject);
  await page
    .getByLabel("添付ファイル（任意）")
    .setInputFiles({ name: "ベンダー資料.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "相談を送る" }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  url = new URL(page.url()).pathname;
  expect(url).toMatch(/^\/consultations\/[0-9a-f-]{36}$/);
  const file = page.getByRole("link", { name: "ベンダー資料.pdf" });
  await expect(file).toBeVisible();
  attachmentHref = (await file.getAttribute("href")) ?? "";
  await expect(page.getByText("新規", { exact: true })).toBeVisible();
  await checkA11y(page, { label: "consultation detail (town)" });

  // The town itself finds it by search (the control for the next test).
  await page.goto(`/search?q=${encodeURIComponent("フィット＆ギャップ")}`);
  // The index folds full-width ＆ to &, so match the start of the title.
  await expect(page.getByRole("link", { name: /^住民基本台帳の標準化に向けた/ })).toBeVisible();
});

test("周南市 cannot find it by any route, by search, or by guessing its URL", async ({ page }) => {
  await signIn(page, demoUsers.shunan, { to: "/consultations" });
  await expect(page.getByRole("heading", { level: 1, name: "自団体の相談" })).toBeVisible();
  await expect(page.getByText("該当する相談はありません。")).toBeVisible();
  await expect(page.getByText(subject)).toHaveCount(0);
  await checkA11y(page, { label: "other town's list" });

  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: "ページが見つかりません" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("相談が見つかりません");
  await expect(page.getByText(subject)).toHaveCount(0);
  await checkA11y(page, { label: "guessed URL" });

  await page.goto(`/search?q=${encodeURIComponent("フィット＆ギャップ")}`);
  await expect(page.getByRole("heading", { name: "「フィット＆ギャップ」の検索結果" })).toBeVisible();
  await expect(page.getByText("1件表示中").or(page.getByRole("link", { name: /^住民基本台帳の標準化に向けた/ }))).toHaveCount(0);
  await checkA11y(page, { label: "search (other town)" });

  const id = url.split("/").pop();
  for (const path of [`/api/consultations/${id}`, attachmentHref]) expect((await page.request.get(path)).status()).toBe(404);
  const reply = await page.request.post(`/api/consultations/${id}/messages`, {
    data: { body: "x" },
    headers: { "x-csrf-token": await csrf(page) },
  });
  expect(reply.status()).toBe(404);
  const csv = await page.request.get("/api/consultations/export?format=csv");
  expect(await csv.text()).not.toContain(subject);
  const search = await page.request.get(`/api/search?q=${encodeURIComponent("フィット＆ギャップ")}`);
  expect(JSON.stringify(await search.json())).not.toContain(id);
  const inbox = await page.request.get("/api/notifications");
  expect(JSON.stringify(await inbox.json())).not.toContain(id);
});

test("the specialist takes it, asks back (the clock pauses) and writes an internal note", async ({ page }) => {
  await signIn(page, demoUsers.specialist, { to: "/consultations" });
  await expect(page.getByRole("heading", { level: 1, name: "相談窓口" })).toBeVisible();
  await page.getByRole("combobox", { name: "団体" }).selectOption({ label: "上関町" });
  const row = page.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("小規模団体");
  await expect(row).toContainText("まで");
  await checkA11y(page, { label: "desk queue" });
  await row.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await checkA11y(page, { label: "consultation detail (desk)" });

  await page.getByRole("button", { name: "自分が担当する" }).click();
  await expect(page.getByText("担当者を県 専門人材 伴走支援さんにしました。")).toBeVisible();
  await page
    .getByRole("textbox", { name: /^本文/ })
    .fill("比較表のうち「実装必須」の機能から確認しましょう。現行の帳票一覧はありますか。");
  await page
    .getByRole("combobox", { name: "送信後の状態" })
    .selectOption({ label: "市町の回答待ちにする（期限の計算を止める）" });
  await page.getByRole("button", { name: "送信する" }).click();
  await expect(page.getByText("停止中（回答待ち）").first()).toBeVisible();
  await page.getByRole("radio", { name: "内部メモ（県職員のみ）" }).check();
  await page.getByRole("textbox", { name: /^本文/ }).fill("内部メモ：このベンダーは他町でも移行が遅れ気味");
  await page.getByRole("button", { name: "送信する" }).click();
  await expect(page.getByRole("article", { name: "内部メモ（県職員のみ）" })).toContainText("移行が遅れ気味");
  await checkA11y(page, { label: "detail after note" });
});

test("the town sees the question, not the note, and answers (the consultation reopens)", async ({ page }) => {
  // From the home page's card of the town's open consultations.
  await signIn(page, demoUsers.kaminoseki, { to: "/" });
  const card = page.getByRole("region", { name: "自団体の相談" });
  await expect(card).toContainText("未完了の相談 1件");
  await checkA11y(page, { label: "home with the desk card" });
  await card.getByRole("link", { name: subject }).click();
  await expect(page.getByText("現行の帳票一覧はありますか。")).toBeVisible();
  await expect(page.getByText("移行が遅れ気味")).toHaveCount(0);
  await expect(page.getByRole("radio", { name: "内部メモ（県職員のみ）" })).toHaveCount(0);
  await page.getByRole("textbox", { name: /^本文/ }).fill("帳票一覧を添付します。");
  await page.getByRole("button", { name: "送信する" }).click();
  await expect(page.getByText("対応中", { exact: true })).toBeVisible();
  await checkA11y(page, { label: "town after reply" });
});

test("the specialist answers, resolves, and publishes it as an FAQ without the town's name", async ({ page }) => {
  await signIn(page, demoUsers.specialist, { to: url });
  await page
    .getByRole("textbox", { name: /^本文/ })
    .fill("実装必須の機能ごとに、現行業務との差を一覧にしてください。様式例を共有します。");
  await page.getByRole("combobox", { name: "送信後の状態" }).selectOption({ label: "解決済みにする" });
  await page.getByRole("button", { name: "送信する" }).click();
  await expect(
    page
      .getByText("解決済みにしました。")
      .or(page.getByText("解決", { exact: true }))
      .first(),
  ).toBeVisible();
  await page.getByRole("button", { name: "FAQの下書きを作る" }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const answer = page.getByRole("textbox", { name: /^回答/ });
  await expect(answer).toHaveValue(/〇〇町では担当が一人です/);
  await expect(answer).not.toHaveValue(/上関/);
  await expect(page.getByText("団体名・個人名・連絡先は見つかりませんでした。")).toBeVisible();
  await checkA11y(page, { label: "FAQ review" });
  await page.getByRole("checkbox", { name: "団体名・個人名・連絡先が含まれていないことを確認しました" }).check();
  await page.getByRole("button", { name: "公開する" }).click();
  await expect(page.getByText("公開中", { exact: true })).toBeVisible();
});

test("the next clerk, in 美祢市, is offered the FAQ while typing a similar question", async ({ page }) => {
  await signIn(page, demoUsers.mine, { to: "/consultations/new" });
  await page.getByRole("textbox", { name: /^件名/ }).fill("戸籍の標準化でフィット＆ギャップ分析をどう進めればよいか");
  const suggestions = page.getByRole("complementary", { name: "似た質問のFAQ" });
  await expect(suggestions.getByRole("link", { name: subject })).toBeVisible();
  await checkA11y(page, { label: "suggestions" });
  await page.goto("/faq");
  await page.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText("〇〇町では担当が一人です")).toBeVisible();
  await checkA11y(page, { label: "FAQ article" });
});

test("the specialist runs a support engagement; the town follows and comments", async ({ page }) => {
  await signIn(page, demoUsers.specialist, { to: "/support" });
  await checkA11y(page, { label: "support list" });
  await page.getByRole("link", { name: "伴走支援を登録" }).click();
  await page.getByRole("combobox", { name: /^支援先/ }).selectOption({ label: "上関町" });
  await page.getByRole("textbox", { name: /^テーマ/ }).fill("住民記録システムの標準化移行");
  await page.getByRole("textbox", { name: /^目標/ }).fill("フィット＆ギャップ分析を終え、移行計画を作る");
  await page.getByLabel(/^開始日/).fill("2026-04-01");
  await page.getByRole("checkbox", { name: "県 専門人材 伴走支援" }).check();
  await checkA11y(page, { label: "new engagement" });
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "住民記録システムの標準化移行" })).toBeVisible();
  const engagementUrl = new URL(page.url()).pathname;

  await page.getByRole("textbox", { name: /^内容・記録/ }).fill("比較表の読み方を一緒に確認した。");
  await page.getByRole("button", { name: "次にやることを追加" }).click();
  await page.getByRole("textbox", { name: "やること 1" }).fill("実装必須機能の差異を一覧にする");
  await page.getByLabel("期限").fill("2026-12-25");
  await page.getByRole("button", { name: "記録する" }).click();
  await expect(page.getByText("比較表の読み方を一緒に確認した。")).toBeVisible();
  await checkA11y(page, { label: "engagement with a session" });

  await signIn(page, demoUsers.kaminoseki, { to: "/support" });
  await page.getByRole("link", { name: "住民記録システムの標準化移行" }).click();
  await page.getByRole("checkbox", { name: "実装必須機能の差異を一覧にする" }).check();
  await expect(page.getByText("完了", { exact: true })).toBeVisible();
  await page.getByRole("textbox", { name: /^コメント/ }).fill("一覧を共有フォルダに置きました。");
  await page.getByRole("button", { name: "コメントする" }).click();
  await expect(page.getByText("一覧を共有フォルダに置きました。")).toBeVisible();
  await checkA11y(page, { label: "engagement (town)" });

  await signIn(page, demoUsers.shunan, { to: engagementUrl });
  await expect(page.getByRole("heading", { level: 1, name: "ページが見つかりません" })).toBeVisible();
});

test("the specialist records 上関町's phone call as the town's consultation", async ({ page }) => {
  await signIn(page, demoUsers.specialist, { to: "/consultations/new" });
  await expect(page.getByRole("group", { name: "代理で受け付けた相談" })).toBeVisible();
  await page.getByRole("combobox", { name: /^分類/ }).selectOption({ label: "情報セキュリティ" });
  await page.getByRole("textbox", { name: /^件名/ }).fill("電話：庁内LANの分離について");
  await page.getByRole("textbox", { name: /^相談内容/ }).fill("電話で受けた相談。αモデルからβ'モデルへの移行の可否。");
  await page.getByRole("textbox", { name: /^相談者/ }).fill("上関町 総務課 山田");
  // No town chosen yet: refused next to the field, nothing filed.
  await page.getByRole("combobox", { name: /^受付方法/ }).selectOption({ label: "電話" });
  await page.getByRole("button", { name: "相談を送る" }).click();
  await expect(
    page.getByText("相談した市町を一覧から選んでください").or(page.getByText("相談した団体を選んでください")).first(),
  ).toBeVisible();
  await checkA11y(page, { label: "desk intake with an error" });
  await page.getByRole("combobox", { name: /^相談した団体/ }).selectOption({ label: "上関町" });
  await page.getByRole("button", { name: "相談を送る" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "電話：庁内LANの分離について" })).toBeVisible();
  await expect(page.getByText("電話で受付（相談者：上関町 総務課 山田）")).toBeVisible();
  const filed = new URL(page.url()).pathname;
  await checkA11y(page, { label: "consultation filed on the town's behalf" });

  // The time the call took: checked in the browser by the server's own rule, then recorded.
  const time = page.getByRole("form", { name: "対応時間の記録" });
  await time.getByRole("button", { name: "時間を記録" }).click();
  await expect(time.getByText("時間を分で入力してください")).toBeVisible();
  await expect(time.getByRole("spinbutton", { name: /^時間（分）/ })).toBeFocused();
  await time.getByRole("spinbutton", { name: /^時間（分）/ }).fill("45");
  await time.getByRole("textbox", { name: /^メモ/ }).fill("電話対応");
  await time.getByRole("button", { name: "時間を記録" }).click();
  await expect(page.getByText("45分を記録しました。")).toBeVisible();
  await checkA11y(page, { label: "time logged on a consultation" });

  // From desk to support in one step, linked both ways.
  await page.getByRole("button", { name: "この相談から伴走支援を始める" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "電話：庁内LANの分離について" })).toBeVisible();
  await expect(page).toHaveURL(/\/support\/[0-9a-f-]{36}$/);
  await checkA11y(page, { label: "engagement started from a consultation" });
  await page.getByRole("link", { name: "相談窓口の記録を開く" }).click();
  await expect(
    page.getByRole("region", { name: "伴走支援" }).getByRole("link", { name: "電話：庁内LANの分離について" }),
  ).toBeVisible();

  await signIn(page, demoUsers.kaminoseki, { to: filed });
  await expect(page.getByRole("heading", { level: 1, name: "電話：庁内LANの分離について" })).toBeVisible();
});

test("the secretariat reads the reports with charts and tables, and the workload", async ({ page }) => {
  await signIn(page, demoUsers.secretariat, { to: "/consultations/reports" });
  await expect(page.getByRole("heading", { level: 1, name: "相談の集計" })).toBeVisible();
  await expect(page.getByRole("img", { name: /月別・分類別の相談件数のグラフ/ })).toBeVisible();
  await expect(page.locator("canvas").first()).toBeVisible();
  const byOrg = page.getByRole("region", { name: "団体別の件数と対応日数" }).getByRole("row").filter({ hasText: "上関町" });
  await expect(byOrg).toContainText("小規模団体");
  await expect(page.getByRole("region", { name: "月別・受付方法別の件数" }).getByRole("row").nth(1)).toContainText("1");
  await checkA11y(page, { label: "reports" });
  await page.goto("/support/workload");
  await expect(page.getByRole("row").filter({ hasText: "県 専門人材 伴走支援" }).first()).toBeVisible();
  await expect(
    page.getByRole("table", { name: "担当者別", exact: true }).getByRole("row").filter({ hasText: "県 専門人材 伴走支援" }),
  ).toContainText("45");
  await expect(page.getByRole("heading", { level: 2, name: /の対応時間$/ })).toBeVisible();
  const timeByOrg = page.getByRole("table", { name: "団体別", exact: true });
  await expect(timeByOrg.getByRole("row").filter({ hasText: "上関町" })).toContainText("45");
  // Last year's month has nothing logged.
  await page.getByLabel("集計する月").fill("2020-04");
  await expect(page.getByText("この月の記録はありません。").first()).toBeVisible();
  await checkA11y(page, { label: "workload" });
});

test("the specialist keeps a reply template, checked before it is sent, and edits it", async ({ page }) => {
  await signIn(page, demoUsers.specialist, { to: "/consultations/templates" });
  const add = page.getByRole("form", { name: "テンプレートを追加" });
  await add.getByRole("textbox", { name: /^題名/ }).fill("受付のお礼");
  await add.getByRole("button", { name: "保存" }).click();
  await expect(add.getByText("本文を入力してください")).toBeVisible();
  await expect(add.getByRole("textbox", { name: /^本文/ })).toBeFocused();
  await checkA11y(page, { label: "template with an error" });
  await add.getByRole("textbox", { name: /^本文/ }).fill("お問い合わせいただきありがとうございます。");
  await add.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "受付のお礼" })).toBeVisible();
  await expect(add.getByRole("textbox", { name: /^題名/ })).toHaveValue("");
  const item = page.getByRole("listitem").filter({ hasText: "受付のお礼" });
  await item.getByRole("button", { name: "編集" }).click();
  await page.getByRole("form", { name: "編集" }).getByRole("textbox", { name: /^題名/ }).fill("受付のお礼（改）");
  await page.getByRole("form", { name: "編集" }).getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "受付のお礼（改）" })).toBeVisible();
});

async function csrf(page: import("@playwright/test").Page) {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === "renkei_csrf")?.value ?? "";
}
