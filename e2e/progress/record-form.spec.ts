import { apiClient, checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";
import { writes } from "../support/writes.js";

// The record form checks the whole record with the request's schema (recordUpdate) in the browser, and sends only
// what changed; a message from the server lands under the row it is about, not under the first row.

const jstDay = (days: number) => new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

test("the record form: a metric that is not a number is refused before sending; a future date comes back on its own row", async ({
  page,
}) => {
  await signIn(page, demoUsers.abu, { to: "/progress" });
  const api = apiClient(page);
  const orgId = (await api.get("/progress/dashboard")).abilities.canEditOrgId;
  const programmes = (await api.get("/progress/programmes")).items as { id: string; code: string }[];
  type Item = { id: string; name: string; metrics: unknown[]; steps: { name: string; archived: boolean }[] };
  const withMetrics = async (code: string) =>
    ((await api.get(`/progress/programmes/${programmes.find((p) => p.code === code)!.id}`)).items as Item[]).find(
      (i) => i.metrics.length > 0,
    )!;
  const rpa = await withMetrics("rpa");
  await page.goto(`/progress/orgs/${orgId}/items/${rpa.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `阿武町｜${rpa.name}` })).toBeVisible();

  const sent = writes(page);
  const value = page.getByRole("textbox", { name: /実績$/ }).first();
  await value.fill("たくさん");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(value).toHaveAttribute("aria-invalid", "true");
  await expect(value).toHaveAccessibleDescription(/数値を入力してください/);
  await expect(value).toBeFocused();
  expect(sent).toEqual([]);
  await checkA11y(page, { label: "record form, browser-checked metric" });
  await value.fill("");
  await expect(value).not.toHaveAttribute("aria-invalid", "true");

  // A step in the middle of the list: the server numbers the one row it was sent, the form shows it on that step.
  let item: Item | undefined;
  for (const p of programmes) {
    const items = (await api.get(`/progress/programmes/${p.id}`)).items as Item[];
    item ??= items.find((i) => i.metrics.length === 0 && i.steps.filter((s) => !s.archived).length >= 3);
  }
  if (!item) throw new Error("the demo council has no item with three steps");
  await page.goto(`/progress/orgs/${orgId}/items/${item.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `阿武町｜${item.name}` })).toBeVisible();
  const third = item.steps.filter((s) => !s.archived)[2]!.name;
  await page.getByRole("combobox", { name: `${third} 状況` }).selectOption("done");
  const actual = page.getByRole("textbox", { name: `${third} 実績日` });
  await actual.fill(jstDay(30));
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(actual).toHaveAttribute("aria-invalid", "true");
  await expect(actual).toHaveAccessibleDescription(/実績日に未来の日付は入力できません/);
  await expect(page.getByRole("row", { name: new RegExp(`^${third}`) })).toContainText("実績日に未来の日付は入力できません");
  const first = item.steps.filter((s) => !s.archived)[0]!.name;
  await expect(page.getByRole("row", { name: new RegExp(`^${first}`) })).not.toContainText("未来の日付");
  await checkA11y(page, { label: "record form, server message on its row" });

  // Corrected, it saves, and the history names that step only.
  await actual.fill(jstDay(0));
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました。" })).toBeVisible();
  const latest = page.getByRole("region", { name: "変更の履歴" }).getByRole("listitem").first();
  await expect(latest).toContainText(`${third} 実績日`);
  await expect(latest).not.toContainText(first);
});
