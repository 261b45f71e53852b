import { checkA11y, demoBodies, demoPassword, demoUsers, expect, signIn, test } from "../support/fixtures.js";
import { writes } from "../support/writes.js";

// More forms on the form kit (web/components/form.tsx): the shared schema's message under the field, nothing sent.

const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

/** A date n days from today (Japan time), "YYYY-MM-DD". */
const day = (n: number) => new Date(Date.now() + 9 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);

test("password change: the password rules, the repetition and the current password are checked before sending", async ({
  page,
}) => {
  await signIn(page, demoUsers.mine, { to: "/account" });
  const section = page.getByRole("region", { name: "パスワードの変更" });
  const current = section.getByLabel("現在のパスワード");
  const next = section.getByLabel("新しいパスワード", { exact: false }).first();
  const confirm = section.getByLabel("新しいパスワード（確認）");
  const submit = section.getByRole("button", { name: "パスワードを変更する" });
  const sent = writes(page);

  // Too short and of one kind: the rules of shared/api/auth.ts, as the server words them.
  await current.fill(demoPassword);
  await next.fill("shortpass");
  await confirm.fill("shortpass");
  await submit.click();
  const rules = "12文字以上にしてください、英小文字・英大文字・数字・記号のうち2種類以上を含めてください";
  await expect(next).toHaveAccessibleDescription(new RegExp(rules));
  await expect(next).toBeFocused();
  await expect(next).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page, { ...bell, label: "password change, browser-checked error" });

  // A good password typed differently the second time.
  await next.fill("Seto-Inland-Sea-9");
  await expect(next).not.toHaveAttribute("aria-invalid", "true");
  await confirm.fill("Seto-Inland-Sea-8");
  await submit.click();
  await expect(confirm).toHaveAccessibleDescription(/確認のため、同じパスワードを入力してください/);
  await expect(confirm).toBeFocused();

  // The current password left out.
  await confirm.fill("Seto-Inland-Sea-9");
  await current.fill("");
  await submit.click();
  await expect(current).toHaveAccessibleDescription(/現在のパスワードを入力してください/);
  await expect(current).toBeFocused();
  expect(sent).toEqual([]);

  // The server gives the same words for the same password.
  const csrf = (await page.context().cookies()).find((c) => c.name === "renkei_csrf")?.value ?? "";
  const answer = await page.request.post("/api/me/password", {
    data: { current: demoPassword, next: "shortpass" },
    headers: { "x-csrf-token": csrf },
  });
  expect(answer.status()).toBe(400);
  const issues = ((await answer.json()) as { error: { details: { issues: { path: string; message: string }[] } } }).error.details
    .issues;
  expect(issues).toContainEqual({ path: "next", message: rules });
});

test("date poll: a candidate ending before it starts is refused before sending, under its end time", async ({ page }) => {
  await signIn(page, demoUsers.secretariat, { to: "/date-polls" });
  await page.getByRole("link", { name: "日程調整を作成" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "日程調整を作成" })).toBeVisible();
  const sent = writes(page);

  // Nothing typed: the first wrong field in the form's order gets the focus.
  await page.getByRole("button", { name: "作成して依頼する" }).click();
  await expect(page.getByRole("combobox", { name: /^会議体/ })).toBeFocused();
  await expect(page.getByRole("combobox", { name: /^会議体/ })).toHaveAccessibleDescription(/会議体を選んでください/);
  await expect(page.getByLabel(/^件名/)).toHaveAccessibleDescription(/件名を入力してください/);
  await expect(page.getByText("候補日を1つ以上入れてください")).toBeVisible();

  await page.getByRole("combobox", { name: /^会議体/ }).selectOption({ label: demoBodies.council });
  await page.getByLabel(/^件名/).fill("第2回 連携会議の日程");
  await page.getByLabel(/^回答期限/).fill(`${day(10)}T17:00`);
  const candidate = page.getByRole("group", { name: "候補1" });
  await candidate.getByLabel("日付").fill(day(30));
  await candidate.getByLabel("開始時刻").fill("16:00");
  await candidate.getByLabel("終了時刻").fill("14:00");
  await page.getByRole("button", { name: "作成して依頼する" }).click();
  await expect(candidate.getByLabel("終了時刻")).toHaveAccessibleDescription(/終了日時は開始日時より後にしてください/);
  await expect(page.getByText("候補日を1つ以上入れてください")).toHaveCount(0);
  await checkA11y(page, { ...bell, label: "date poll, browser-checked error" });
  expect(sent).toEqual([]);
});
