import { apiClient, checkA11y, demoPassword, demoUsers, enrollTwoFactor, expect, signIn, test } from "../support/fixtures.js";

test("when 2FA is required for prefecture staff, an officer without it must set it up first", async ({ page, newPage }) => {
  // The administrator enrols first: turning the rule on applies to them as well.
  await signIn(page, demoUsers.admin, { to: "/account" });
  await enrollTwoFactor(page);
  await expect(page.getByText("二要素認証は有効です。")).toBeVisible();
  const officer = await newPage();
  try {
    await page.goto("/admin/settings");
    await page.getByLabel("県職員に二要素認証を必須にする").check();
    await page.getByRole("button", { name: "保存する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
    await checkA11y(page, { label: "settings" });

    await officer.goto("/bodies");
    await officer.getByLabel("メールアドレス").fill(demoUsers.specialist);
    await officer.getByLabel("パスワード").fill(demoPassword);
    await officer.getByRole("button", { name: "ログイン" }).click();
    await expect(officer.getByRole("heading", { level: 1, name: "二要素認証の設定" })).toBeVisible();
    await expect(officer.getByText("設定が終わるまで他の画面は利用できません")).toBeVisible();
    await checkA11y(officer, { label: "forced 2FA enrolment" });
    // Nothing else opens until it is done.
    await officer.goto("/orgs");
    await expect(officer.getByRole("heading", { level: 1, name: "二要素認証の設定" })).toBeVisible();

    await enrollTwoFactor(officer);
    await expect(officer.getByRole("heading", { level: 1, name: "団体" })).toBeVisible();
  } finally {
    // Leave the demo as it was for the tests that follow.
    await apiClient(page).patch("/settings", { requireTwoFactorForStaff: false });
    await apiClient(page).post("/me/totp/disable", { password: demoPassword });
    if ((await officer.request.get("/api/me")).ok())
      await apiClient(officer).post("/me/totp/disable", { password: demoPassword });
  }
});
