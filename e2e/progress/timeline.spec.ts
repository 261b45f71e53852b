import { apiClient, checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

test("the timeline (線表) shows each step planned against done, marks the late one, and prints", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, demoUsers.abu, { to: "/progress" });
  const api = apiClient(page);
  const me = await api.get("/me");
  const programmes = await api.get("/progress/programmes");
  const standardisation = programmes.items.find((p: { code: string }) => p.code === "standardisation");
  const programme = await api.get(`/progress/programmes/${standardisation.id}`);
  const item = programme.items.find((i: { code: string }) => i.code === "01");
  // 阿武町 finished its third step two weeks after it planned to.
  const record = await api.get(`/progress/records/${me.user.org.id}/${item.id}`);
  const step = record.steps[2];
  await api.patch(`/progress/records/${me.user.org.id}/${item.id}`, {
    steps: [{ stepId: step.stepId, status: "done", plannedDate: "2026-06-30", actualDate: "2026-07-14" }],
    expectedVersion: record.version,
  });
  const stepName = programme.items
    .find((i: { id: string }) => i.id === item.id)
    .steps.filter((s: { archived: boolean }) => !s.archived)[2].name;

  await page.goto(`/progress/items/${item.id}`);
  await page.getByRole("link", { name: "線表（予定と実績）を見る" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${item.name}の線表` })).toBeVisible();
  await expect(page.getByRole("img", { name: /^線表：\d+ 行、遅れているステップ \d+ 件/ })).toBeVisible();
  const table = page.getByRole("table", { name: `${item.name}の線表` });
  const row = table.getByRole("row").filter({ hasText: stepName }).filter({ hasText: "2026年）7月14日" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("2026年）6月30日");
  await expect(row).toContainText("遅れ");
  await checkA11y(page, { label: "item timeline" });
  // Printed: the chart and its table stay, the button goes.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "印刷する" })).toBeHidden();
  await expect(page.getByRole("img", { name: /^線表：/ })).toBeVisible();
  await expect(row).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  await page.goto(`/progress/orgs/${me.user.org.id}`);
  await page.getByRole("link", { name: "線表（予定と実績）を見る" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "阿武町の線表" })).toBeVisible();
  const mine = page.getByRole("table", { name: `阿武町／${standardisation.name}` });
  await expect(mine.getByRole("row").filter({ hasText: stepName }).filter({ hasText: "2026年）7月14日" })).toContainText("遅れ");
  await checkA11y(page, { label: "municipality timeline" });
});
