import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

test("an organisation's administrator sees a colleague's devices and signs one out; unused accounts are listed", async ({
  page,
  newPage,
}) => {
  // The colleague is signed in on another device.
  const colleague = await newPage();
  await signIn(colleague, "abu2@example.jp", { via: "ui" });

  // Their own account page lists this device.
  await colleague.goto("/account");
  await expect(colleague.getByRole("region", { name: /ログイン中の端末（\d+件）/ })).toContainText("この端末");
  await checkA11y(colleague, { label: "account sessions" });

  await signIn(page, demoUsers.abu, { to: "/admin/accounts" });
  await expect(page.getByRole("heading", { level: 1, name: "利用されていないアカウント" })).toBeVisible();
  await checkA11y(page, { label: "unused accounts" });

  const me = await (await page.request.get("/api/users?q=abu2@example.jp")).json();
  await page.goto(`/admin/accounts/${me.items[0].id}/sessions`);
  await expect(page.getByRole("heading", { level: 1, name: "奈古 誠さんのログイン中の端末" })).toBeVisible();
  await checkA11y(page, { label: "a colleague's devices" });
  const buttons = page.getByRole("button", { name: /^ログアウトさせる/ });
  await expect(buttons.first()).toBeVisible();
  const count = await buttons.count();
  for (let i = 0; i < count; i++) {
    await buttons.first().click();
    await expect(buttons).toHaveCount(count - i - 1);
  }
  await expect(page.getByText("ログイン中の端末はありません。")).toBeVisible();

  // The colleague's browser is signed out.
  await colleague.reload();
  await expect(colleague).toHaveURL(/\/login/);
});
