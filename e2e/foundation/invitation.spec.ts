import path from "node:path";
import Database from "better-sqlite3";
import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/**
 * The newest e-mail link to `linkPath` sent to `to`, read as the addressee's mailbox would get it: from the
 * server's outbox table (no SMTP in tests). Administrators see these links masked in the outbox page.
 */
function mailedLink(to: string, linkPath: string): string {
  const db = new Database(path.join(process.env.RENKEI_E2E_DATA_DIR!, "renkei.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const mail = db
      .prepare("SELECT text FROM mail_outbox WHERE to_address = ? AND text LIKE ? ORDER BY created_at DESC LIMIT 1")
      .get(to, `%${linkPath}%`) as { text: string } | undefined;
    const link = mail?.text.match(new RegExp(`https?://\\S+(${linkPath}[A-Za-z0-9_-]+)`))?.[1];
    expect(link, `a mail to ${to} with ${linkPath}`).toBeTruthy();
    return link!;
  } finally {
    db.close();
  }
}

test("an invited clerk sets a password from the e-mail link and starts", async ({ page, newPage }) => {
  await signIn(page, demoUsers.admin, { to: "/users/new" });
  await page.getByLabel("氏名").fill("阿武 新人");
  await page.getByLabel("メールアドレス").fill("abu-new@example.jp");
  await page.getByRole("combobox", { name: /^所属団体/ }).selectOption({ label: "阿武町" });
  await page.getByRole("combobox", { name: /^役割/ }).selectOption({ label: "市町村職員" });
  await page.getByRole("button", { name: "招待メールを送る" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "阿武 新人" })).toBeVisible();
  await expect(page.getByText("招待中").first()).toBeVisible();
  await checkA11y(page, { label: "invited user" });
  const link = mailedLink("abu-new@example.jp", "/invitation/");

  const invitee = await newPage();
  await invitee.goto(link);
  await expect(invitee.getByText("阿武町 の 阿武 新人 様として招待されています")).toBeVisible();
  await checkA11y(invitee, { label: "invitation" });
  await invitee.getByLabel("新しいパスワード", { exact: false }).first().fill("Abu-Town-Password-1");
  await invitee.getByLabel("新しいパスワード（確認）").fill("Abu-Town-Password-1");
  await invitee.getByRole("button", { name: "パスワードを設定して始める" }).click();
  await expect(invitee.getByRole("heading", { level: 1, name: "ホーム" })).toBeVisible();
  await expect(invitee.getByRole("region", { name: "所属団体" })).toContainText("阿武町");
});

test("forgot password: the reset link sets a new password", async ({ page, newPage }) => {
  const clerk = await newPage();
  await clerk.goto("/login");
  await clerk.getByRole("link", { name: "パスワードをお忘れの方" }).click();
  await expect(clerk.getByRole("heading", { level: 1, name: "パスワードの再設定" })).toBeVisible();
  await checkA11y(clerk, { label: "forgot password" });
  await clerk.getByLabel("メールアドレス").fill("hirao@example.jp");
  await clerk.getByRole("button", { name: "再設定用のメールを送る" }).click();
  await expect(clerk.getByRole("status").filter({ hasText: "再設定用のメールを送信しました" })).toBeVisible();

  await signIn(page, demoUsers.admin, { to: "/admin/outbox" });
  await checkA11y(page, { label: "outbox" });
  // The administrator sees that the mail is there, never its link (which would let them take the account over).
  await page.getByText("【Renkei】パスワード再設定の御案内").first().click();
  await expect(page.getByText(/宛先の本人だけが開けるため表示しません/).first()).toBeVisible();
  const link = mailedLink("hirao@example.jp", "/reset-password/");

  await clerk.goto(link);
  await checkA11y(clerk, { label: "reset password" });
  // Too short: the server's rule appears under the field.
  await clerk.getByLabel("新しいパスワード", { exact: false }).first().fill("short");
  await clerk.getByLabel("新しいパスワード（確認）").fill("short");
  await clerk.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(clerk.getByLabel("新しいパスワード", { exact: false }).first()).toHaveAccessibleDescription(
    /12文字以上にしてください/,
  );
  await checkA11y(clerk, { label: "reset password error" });
  await clerk.getByLabel("新しいパスワード", { exact: false }).first().fill("Seto-Inland-Sea-9");
  await clerk.getByLabel("新しいパスワード（確認）").fill("Seto-Inland-Sea-9");
  await clerk.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(clerk.getByText("パスワードを設定しました")).toBeVisible();
  await clerk.getByRole("link", { name: "ログイン" }).click();
  await clerk.getByLabel("メールアドレス").fill("hirao@example.jp");
  await clerk.getByLabel("パスワード").fill("Seto-Inland-Sea-9");
  await clerk.getByRole("button", { name: "ログイン" }).click();
  await expect(clerk.getByRole("heading", { level: 1, name: "ホーム" })).toBeVisible();
});
