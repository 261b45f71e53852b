import { checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";
import { writes } from "../support/writes.js";

// Forms check what the clerk typed in the browser with the server's own Zod schema (web/components/form.tsx):
// the server's message appears under the field before anything is sent, and the focus moves to that field.

/** A day from today in Japan time, as a datetime-local value. */
const local = (days: number, time: string) =>
  `${new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;

test("sign-in: a malformed address is refused in the browser, with the server's words, on the field", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "ログイン" })).toBeVisible();
  const sent = writes(page);
  const email = page.getByLabel("メールアドレス");
  await email.fill("yamaguchi.example.jp");
  await page.getByLabel("パスワード").fill("whatever-it-is");
  await page.getByRole("button", { name: "ログイン" }).click();

  await expect(page.getByText("メールアドレスの形式が正しくありません")).toBeVisible();
  await expect(email).toBeFocused();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  // The message is the field's description, so a screen reader reads it with the field.
  await expect(email).toHaveAccessibleDescription(/メールアドレスの形式が正しくありません/);
  expect(sent).toEqual([]);
  await checkA11y(page, { label: "sign-in, browser-checked error" });

  // The same words as the server's answer to the same request.
  const answer = await page.request.post("/api/auth/login", { data: { email: "yamaguchi.example.jp", password: "x" } });
  expect(answer.status()).toBe(400);
  const issues = ((await answer.json()) as { error: { details: { issues: { path: string; message: string }[] } } }).error.details
    .issues;
  expect(issues).toContainEqual({ path: "email", message: "メールアドレスの形式が正しくありません" });

  // Corrected, the message goes as the clerk types and the form signs in.
  await email.fill(demoUsers.yamaguchi);
  await expect(page.getByText("メールアドレスの形式が正しくありません")).toHaveCount(0);
  await expect(email).not.toHaveAttribute("aria-invalid", "true");
});

test("new consultation: nothing is sent until the category and subject are given; focus goes to each in turn", async ({
  page,
}) => {
  await signIn(page, demoUsers.kaminoseki, { to: "/consultations/new" });
  await expect(page.getByRole("heading", { level: 1, name: "新しい相談" })).toBeVisible();
  const sent = writes(page);
  const category = page.getByRole("combobox", { name: /^分類/ });
  const subject = page.getByRole("textbox", { name: /^件名/ });
  await page.getByRole("textbox", { name: /^相談内容/ }).fill("窓口の予約システムを共同で調達できるか相談したい。");
  await page.getByRole("button", { name: "相談を送る" }).click();

  // The first wrong field (in the order of the form) gets the focus; every wrong field says why.
  await expect(page.getByText("分類を選んでください")).toBeVisible();
  await expect(page.getByText("件名を入力してください")).toBeVisible();
  await expect(category).toBeFocused();
  await expect(subject).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page, { label: "new consultation, browser-checked errors" });

  await category.selectOption({ label: "行政手続のオンライン化" });
  await expect(page.getByText("分類を選んでください")).toHaveCount(0);
  // Spaces only are no subject, to the browser as to the server (the schema trims).
  await subject.fill("　 ");
  await page.getByRole("button", { name: "相談を送る" }).click();
  await expect(subject).toBeFocused();
  await expect(page.getByText("件名を入力してください")).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^相談内容/ })).toHaveValue(/予約システム/);
  // Only the FAQ suggestions beside the form (a search sent as POST) went out: no consultation was filed.
  expect(sent.filter((s) => !s.includes("/api/faq/suggest"))).toEqual([]);
});

test("meeting: an end before the start and a malformed URL are refused before sending", async ({ page }) => {
  await signIn(page, demoUsers.secretariat, { to: "/meetings/new" });
  await expect(page.getByRole("heading", { level: 1, name: "会議を作成" })).toBeVisible();
  const sent = writes(page);
  await page.getByRole("combobox", { name: /^会議体/ }).selectOption({ label: demoBodies.council });
  await page.getByLabel(/^開始日時/).fill(local(40, "14:00"));
  await page.getByLabel(/^終了日時/).fill(local(40, "13:00"));
  await page.getByRole("button", { name: "保存する" }).click();

  const end = page.getByLabel(/^終了日時/);
  await expect(page.getByText("終了日時は開始日時より後にしてください")).toBeVisible();
  await expect(end).toBeFocused();
  await expect(end).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page, { label: "create meeting, browser-checked error" });

  await end.fill(local(40, "16:00"));
  const url = page.getByLabel(/^オンライン会議のURL/);
  await url.fill("meet example");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("URLの形式が正しくありません（https://… で入力してください）")).toBeVisible();
  await expect(url).toBeFocused();
  expect(sent).toEqual([]);
});

test("progress record: a refused evidence file is shown and nothing is saved", async ({ page }) => {
  await signIn(page, demoUsers.abu, { to: "/progress" });
  await page
    .getByRole("region", { name: "市町 × 項目の進捗率（表）" })
    .getByRole("link", { name: /^阿武町 戸籍 / })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "阿武町｜戸籍" })).toBeVisible();
  const history = page.getByRole("region", { name: "変更の履歴" });
  await expect(history).toBeVisible();
  const entries = await history.getByRole("listitem").count();
  const sent = writes(page);

  await page.getByLabel("メモ（履歴に残ります）").fill("証跡つきで報告");
  // A Windows program is no evidence: the server refuses it (415), and the form must not save the note without it.
  const file = page.getByLabel("根拠資料（任意）");
  await file.setInputFiles({
    name: "report.exe",
    mimeType: "application/octet-stream",
    buffer: Buffer.from("MZ\x90\x00program"),
  });
  await page.getByRole("button", { name: "保存する" }).click();

  await expect(page.getByText(/根拠資料をアップロードできませんでした：/)).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "保存していません" })).toBeVisible();
  await expect(file).toBeFocused();
  await expect(file).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page, { label: "record form, evidence refused" });
  expect(sent.filter((s) => s.includes("/progress/evidence"))).toHaveLength(1);
  expect(sent.filter((s) => !s.includes("/progress/evidence"))).toEqual([]);
  await expect(page.getByLabel("メモ（履歴に残ります）")).toHaveValue("証跡つきで報告");
  await page.reload();
  await expect(page.getByRole("region", { name: "変更の履歴" }).getByRole("listitem")).toHaveCount(entries);
});
