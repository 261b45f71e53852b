import { japanesePdf } from "../../server/modules/documents/test-files.js";
import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";
import { apiAs } from "./api-as.js";

/**
 * The story: the secretariat posts the national trend with the ministry's PDF as required
 * reading; 阿武町 confirms it and the secretariat reminds the rest; 美祢市 posts a challenge that six towns
 * share and the secretariat proposes for the working group's meeting; a document is uploaded and
 * previewed; a search for 「ガバメントクラウド」 finds the notice, the document, the challenge and the
 * meeting, but never another town's consultation. Axe runs on every page visited.
 */
test("sharing: notice with read tracking, challenge shared by six towns, document, search", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL!;
  const title = "ガバメントクラウド移行に関する国の最新動向";
  const pdf = await japanesePdf(["ガバメントクラウド移行の最新動向（デジタル庁）", "移行期限と特定移行支援システム"]);

  // 1. The secretariat writes the notice, attaches the ministry's PDF, publishes it.
  await signIn(page, demoUsers.secretariat, { to: "/notices" });
  await checkA11y(page, { label: "notices list" });
  await page.getByRole("link", { name: "お知らせを作成" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "お知らせを作成" })).toBeVisible();
  await checkA11y(page, { label: "notice form" });
  await page.getByLabel("件名").fill(title);
  await page
    .getByLabel(/^本文/)
    .fill("デジタル庁が**ガバメントクラウド**への移行計画を更新しました。各団体で内容をご確認ください。");
  await page.getByRole("button", { name: "リンクを追加" }).click();
  await page.getByLabel("リンクの名前").fill("デジタル庁 ガバメントクラウド");
  await page.getByLabel("URL").fill("https://www.digital.go.jp/policies/gov_cloud");
  await page.getByLabel(/確認が必要なお知らせにする/).check();
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page
    .getByLabel("添付するファイル")
    .setInputFiles({ name: "総務省_移行動向.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "ファイルを添付" }).click();
  await expect(page.getByText("総務省_移行動向.pdf")).toBeVisible();
  await page.getByRole("button", { name: "今すぐ公開" }).click();
  await expect(page.getByRole("dialog")).toContainText("すべての団体の利用者が読めるようになります");
  await page.getByRole("dialog").getByRole("button", { name: "今すぐ公開" }).click();
  await expect(page.getByText("19団体中 0団体が確認済み")).toBeVisible();
  await checkA11y(page, { label: "notice detail (secretariat)" });
  const noticeUrl = page.url();

  // 2. 阿武町 reads and confirms it; the secretariat sees it and reminds the others.
  await signIn(page, demoUsers.abu, { to: new URL(noticeUrl).pathname });
  await expect(page.getByText("このお知らせは確認が必要です。")).toBeVisible();
  await checkA11y(page, { label: "notice detail (阿武町)" });
  await page.getByRole("button", { name: "内容を確認しました" }).click();
  await expect(page.getByText("確認済みです")).toBeVisible();
  await signIn(page, demoUsers.secretariat, { to: new URL(noticeUrl).pathname });
  await expect(page.getByText("19団体中 1団体が確認済み")).toBeVisible();
  await page.getByRole("button", { name: "未確認の団体に督促する" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "未確認の団体に督促する" }).click();
  await expect(page.getByText("18団体（", { exact: false })).toBeVisible();

  // 3. 美祢市 posts a challenge; six towns say "we have this too" (阿武町 in the browser).
  await signIn(page, demoUsers.mine, { to: "/challenges" });
  await checkA11y(page, { label: "challenges board" });
  await page.getByRole("link", { name: "課題を投稿" }).click();
  await page.getByLabel("件名").fill("ベンダーがガバメントクラウド移行の期限に間に合わない");
  await page.getByLabel("テーマ").fill("住民記録");
  await page.getByLabel(/^課題の内容/).fill("標準準拠システムへの移行で、ベンダーから期限に間に合わないと連絡がありました。");
  await checkA11y(page, { label: "challenge form" });
  await page.getByRole("button", { name: "課題を投稿" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /期限に間に合わない/ })).toBeVisible();
  const challengePath = new URL(page.url()).pathname;
  const challengeId = challengePath.split("/").pop()!;
  for (const email of [
    demoUsers.kaminoseki,
    demoUsers.shunan,
    demoUsers.yamaguchi,
    "hagi@example.jp",
    "shimonoseki@example.jp",
  ]) {
    const town = await apiAs(base, email);
    await town.post(`/challenges/${challengeId}/shares`, { note: "当団体も同じ状況です" });
    await town.dispose();
  }
  await signIn(page, demoUsers.abu, { to: challengePath });
  await page.getByRole("button", { name: "うちも同じ" }).click();
  await expect(page.getByRole("heading", { name: "同じ課題を抱える団体（6）" })).toBeVisible();
  await checkA11y(page, { label: "challenge detail (阿武町)" });

  // 4. The secretariat proposes it for the standardisation WG's next meeting.
  const sec = await apiAs(base, demoUsers.secretariat);
  const bodies = await sec.get("/bodies");
  const wg = bodies.items.find((b: { name: string }) => b.name === "情報システムの標準化・共通化WG");
  const starts = new Date(Date.now() + 21 * 86400_000);
  const meeting = await sec.post("/meetings", {
    bodyId: wg.id,
    kind: "online",
    startsAt: starts.toISOString(),
    endsAt: new Date(starts.getTime() + 3600_000).toISOString(),
    description: "ガバメントクラウド移行の進捗と課題について意見交換します。",
  });
  await sec.post(`/meetings/${meeting.id}/announce`).catch(() => undefined);
  await signIn(page, demoUsers.secretariat, { to: challengePath });
  await page.getByLabel("会議", { exact: true }).selectOption(meeting.id);
  await page.getByRole("button", { name: "会議の議題に提案" }).click();
  await expect(page.getByRole("link", { name: "会議を開く" })).toBeVisible();
  await checkA11y(page, { label: "challenge detail (secretariat)" });

  // 5. A document in the shared area, previewed from our own origin.
  await page.goto("/documents");
  await checkA11y(page, { label: "document library" });
  await page.getByRole("link", { name: "資料を登録" }).click();
  // No file yet: the server's own message, shown before anything is sent.
  await page.getByRole("button", { name: "資料を登録" }).click();
  await expect(page.getByText("ファイルを1つ選んでください")).toBeVisible();
  await expect(page.getByLabel(/^ファイル/)).toBeFocused();
  await page.getByLabel(/^ファイル/).setInputFiles({ name: "ガバクラ移行手順.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByLabel("表題").fill("ガバメントクラウド移行手順書");
  await page.getByLabel("年度").fill("2025");
  await page.getByLabel("タグ").fill("標準化、ガバメントクラウド");
  await checkA11y(page, { label: "document upload" });
  await page.getByRole("button", { name: "資料を登録" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ガバメントクラウド移行手順書" })).toBeVisible();
  // The preview is served inline from our own origin (Chromium's built-in PDF viewer itself is not opened here:
  // it loads chrome-extension:// pages, which the same-origin guard counts as foreign requests).
  await expect(page.getByRole("button", { name: "この画面でプレビュー" })).toBeVisible();
  const href = await page.getByRole("link", { name: "新しいタブで開く" }).getAttribute("href");
  const preview = await page.request.get(href!);
  expect(preview.headers()["content-type"]).toBe("application/pdf");
  expect(preview.headers()["content-disposition"]).toMatch(/^inline/);
  await checkA11y(page, { label: "document detail" });

  // 6. Another town's consultation about the same thing must never show up for 上関町.
  const yamaguchi = await apiAs(base, demoUsers.yamaguchi);
  await yamaguchi.post("/consultations", {
    category: "standardisation",
    subject: "山口市のガバメントクラウド費用の相談",
    body: "ガバメントクラウドの運用経費について相談します。",
  });
  await signIn(page, demoUsers.kaminoseki);
  await page.getByRole("searchbox", { name: "サイト内検索" }).fill("ガバメントクラウド");
  await page.getByRole("button", { name: "検索", exact: true }).click();
  await expect(page.getByRole("heading", { name: "「ガバメントクラウド」の検索結果" })).toBeVisible();
  const results = page.getByRole("list").filter({ has: page.locator("mark") });
  await expect(results.getByRole("link", { name: title })).toBeVisible();
  await expect(results.getByRole("link", { name: "ガバメントクラウド移行手順書" })).toBeVisible();
  await expect(results.getByRole("link", { name: /期限に間に合わない/ })).toBeVisible();
  await expect(results.getByText("会議", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("山口市のガバメントクラウド費用の相談")).toHaveCount(0);
  await expect(page.locator("mark").first()).toHaveText("ガバメントクラウド");
  await checkA11y(page, { label: "search results" });
  // 1- and 2-character queries work too.
  await page.getByLabel("検索する言葉").fill("戸籍");
  await page.getByRole("button", { name: "検索する" }).click();
  await expect(page.getByRole("heading", { name: "「戸籍」の検索結果" })).toBeVisible();
  await sec.dispose();
  await yamaguchi.dispose();
});
