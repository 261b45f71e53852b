import type { Page } from "@playwright/test";
import { checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

// The agenda form and the survey builder check what the clerk typed with the server's own Zod schemas
// (shared/api/meetings.ts proposalInput, shared/api/surveys.ts surveyPatch): the schema's message appears
// under the field and nothing is sent until it is right.

/** Every request that would change something on the server (POST, PUT, PATCH, DELETE under /api), from now on. */
function writes(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (req) => {
    if (req.method() !== "GET" && new URL(req.url()).pathname.startsWith("/api/")) seen.push(`${req.method()} ${req.url()}`);
  });
  return seen;
}

const local = (days: number, time: string) =>
  `${new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;

test("agenda: a missing title and 700 minutes are refused in the browser with the schema's words", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, demoUsers.secretariat, { to: "/meetings/new" });
  await page.getByRole("combobox", { name: /^会議体/ }).selectOption({ label: demoBodies.council });
  await page.getByLabel(/^開始日時/).fill(local(45, "14:00"));
  await page.getByLabel(/^終了日時/).fill(local(45, "16:00"));
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`第\\d+回 ${demoBodies.council}`) })).toBeVisible();

  const sent = writes(page);
  const title = page.getByLabel(/^議題名/);
  const minutes = page.getByLabel(/^希望時間/);
  await minutes.fill("700");
  await page.getByRole("button", { name: "議題を追加" }).click();
  await expect(page.getByText("議題名を入力してください")).toBeVisible();
  await expect(page.getByText("600分以内にしてください")).toBeVisible();
  await expect(title).toBeFocused();
  await expect(minutes).toHaveAttribute("aria-invalid", "true");
  await expect(minutes).toHaveAccessibleDescription(/600分以内にしてください/);
  await checkA11y(page, { label: "agenda form, browser-checked errors" });
  expect(sent).toEqual([]);

  // Full-width digits are a number to the schema, as to the server: corrected, the item is added.
  await title.fill("国の動向について");
  await minutes.fill("３０");
  await expect(page.getByText("600分以内にしてください")).toHaveCount(0);
  await page.getByRole("button", { name: "議題を追加" }).click();
  await expect(page.getByText("議題1", { exact: true })).toBeVisible();
  expect(sent.filter((s) => s.includes("/agenda"))).toHaveLength(1);
  await expect(title).toHaveValue("");
});

test("survey builder: an empty title and a reminder beyond 20 days are refused before sending", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, demoUsers.secretariat, { to: "/surveys" });
  await page.getByRole("button", { name: "新しい照会を作成" }).click();
  await page.getByRole("dialog").getByLabel(/^件名/).fill("窓口DXの状況調査（入力検査）");
  await page.getByRole("button", { name: "作成して設問を編集" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "設問と設定" })).toBeVisible();

  const sent = writes(page);
  const title = page.getByRole("textbox", { name: /^件名/ });
  const days = page.getByLabel(/^期限の何開庁日前に督促するか/);
  await title.fill("　");
  await days.fill("25");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("件名を入力してください")).toBeVisible();
  await expect(page.getByText("20営業日以内にしてください")).toBeVisible();
  await expect(title).toBeFocused();
  await expect(days).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page, { label: "survey builder, browser-checked errors" });
  expect(sent).toEqual([]);

  await title.fill("窓口DXの状況調査");
  await days.fill("３");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("保存しました").first()).toBeVisible();
  expect(sent.filter((s) => s.startsWith("PATCH"))).toHaveLength(1);
  await page.reload();
  await expect(page.getByLabel(/^期限の何開庁日前に督促するか/)).toHaveValue("3");
});
