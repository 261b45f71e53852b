import { apiClient, checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";
import { writes } from "../support/writes.js";

const amount = (n: number, unit: string) => `${n.toLocaleString("ja-JP")} ${unit}`;

test("KPIs by fiscal year with the year selector, and a prefecture-wide target on the dashboard", async ({ page }) => {
  await signIn(page, demoUsers.secretariat, { to: "/progress" });
  const api = apiClient(page);
  const rpa = (await api.get("/progress/programmes")).items.find((p: { code: string }) => p.code === "rpa");
  const latest = await api.get(`/progress/kpis?programmeId=${rpa.id}`);
  const hours = latest.metrics.find((m: { name: string }) => m.name === "削減時間");
  const previous = (await api.get(`/progress/kpis?programmeId=${rpa.id}&fiscalYear=${latest.fiscalYear - 1}`)).metrics.find(
    (m: { id: string }) => m.id === hours.id,
  );

  await page.goto(`/progress?programmeId=${rpa.id}`);
  const kpis = page.getByRole("region", { name: "指標（KPI）の年度別集計" });
  const year = kpis.getByLabel("年度", { exact: true });
  await expect(year).toHaveValue(String(latest.fiscalYear));
  const hoursRow = kpis.getByRole("row").filter({ hasText: "削減時間" });
  await expect(hoursRow).toContainText(amount(hours.total, "時間"));

  // The year before: that year's figures only, and the year is in the address.
  await year.selectOption(String(latest.fiscalYear - 1));
  await expect(page).toHaveURL(new RegExp(`fy=${latest.fiscalYear - 1}`));
  await expect(hoursRow).toContainText(amount(previous.total, "時間"));
  // A year nobody has reported yet reads 「データなし」, never 0%.
  const empty = latest.fiscalYears.find((y: number) => y > latest.fiscalYear);
  await year.selectOption(String(empty));
  await expect(hoursRow).toContainText("データなし");
  await expect(hoursRow).not.toContainText("0%");
  await checkA11y(page, { label: "KPIs by fiscal year" });

  // The secretariat sets a prefecture-wide target: it is shown with the current total against it.
  const targets = page.getByRole("region", { name: "県全体の目標", exact: true });
  await targets.getByRole("textbox", { name: /^年度/ }).fill(String(latest.fiscalYear));
  await targets.getByRole("textbox", { name: /^目標値/ }).fill("-1");
  await targets.getByRole("textbox", { name: /^目標 / }).fill("RPAで年間5,000時間を削減");
  await targets.getByLabel("数える対象").selectOption("metric_sum");
  await targets.getByLabel("指標").selectOption(hours.id);
  await targets.getByRole("button", { name: "目標を追加" }).click();
  await expect(targets.getByText("目標値は0以上の数値で入力してください")).toBeVisible();
  await targets.getByRole("textbox", { name: /^目標値/ }).fill("5,000");
  await targets.getByRole("button", { name: "目標を追加" }).click();
  const row = targets.getByRole("row").filter({ hasText: "RPAで年間5,000時間を削減" });
  await expect(row).toContainText(`${amount(hours.total, "時間")} / ${amount(5000, "時間")}`);
  await checkA11y(page, { label: "prefecture-wide targets" });
  await row.getByRole("button", { name: "目標「RPAで年間5,000時間を削減」を削除" }).click();
  await expect(row).toHaveCount(0);
});

test("a municipality's page reads its own KPIs for the fiscal year chosen", async ({ page }) => {
  await signIn(page, demoUsers.abu, { to: "/progress" });
  const api = apiClient(page);
  const orgId = (await api.get("/progress/dashboard")).abilities.canEditOrgId;
  const rpa = (await api.get("/progress/programmes")).items.find((p: { code: string }) => p.code === "rpa");
  const own = await api.get(`/progress/kpis?programmeId=${rpa.id}&orgId=${orgId}`);
  const hours = own.metrics.find((m: { name: string }) => m.name === "削減時間");
  await page.goto(`/progress/orgs/${orgId}`);
  const section = page
    .getByRole("region", { name: new RegExp(`^${rpa.name}`) })
    .getByRole("region", { name: "指標（KPI）の年度別集計" });
  await expect(section.getByLabel("年度", { exact: true })).toHaveValue(String(own.fiscalYear));
  await expect(section.getByRole("row").filter({ hasText: "削減時間" })).toContainText(amount(hours.total, "時間"));
  await checkA11y(page, { label: "a municipality's KPIs" });
});

test("the secretariat edits a target by keyboard: the schema refuses a bad value unsent, the server's word shows under the year, the standing follows", async ({
  page,
}) => {
  await signIn(page, demoUsers.secretariat, { to: "/progress" });
  const api = apiClient(page);
  const rpa = (await api.get("/progress/programmes")).items.find((p: { code: string }) => p.code === "rpa");
  const latest = await api.get(`/progress/kpis?programmeId=${rpa.id}`);
  const hours = latest.metrics.find((m: { name: string }) => m.name === "削減時間");
  const previous = (await api.get(`/progress/kpis?programmeId=${rpa.id}&fiscalYear=${latest.fiscalYear - 1}`)).metrics.find(
    (m: { id: string }) => m.id === hours.id,
  );
  const title = "RPAの削減時間（編集の確認）";
  const { id } = await api.post(`/progress/programmes/${rpa.id}/targets`, {
    fiscalYear: latest.fiscalYear,
    title,
    measure: "metric_sum",
    metricId: hours.id,
    targetValue: 5000,
  });

  await page.goto(`/progress?programmeId=${rpa.id}`);
  const targets = page.getByRole("region", { name: "県全体の目標", exact: true });
  const row = targets.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText(`${amount(hours.total, "時間")} / ${amount(5000, "時間")}`);

  // Edit, from the keyboard: the form opens on the target with the focus in its first field.
  await row.getByRole("button", { name: `目標「${title}」を編集` }).focus();
  await page.keyboard.press("Enter");
  await expect(targets.getByRole("heading", { name: `目標「${title}」を編集する` })).toBeVisible();
  const year = targets.getByRole("textbox", { name: /^年度/ });
  const value = targets.getByRole("textbox", { name: /^目標値/ });
  await expect(year).toBeFocused();
  await expect(year).toHaveValue(String(latest.fiscalYear));
  await expect(value).toHaveValue("5000");

  // A negative value: the shared schema's message under the field, the focus on it, nothing sent.
  const sent = writes(page);
  await page.keyboard.press("Tab");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("-1");
  await page.keyboard.press("Enter");
  await expect(value).toHaveAccessibleDescription(/目標値は0以上の数値で入力してください/);
  await expect(value).toBeFocused();
  await checkA11y(page, { label: "target edit form, browser-checked error" });
  expect(sent).toEqual([]);

  // A year the server refuses (out of the range it allows): its message under the year, nothing stored.
  await value.fill("10,000");
  await year.fill("2000");
  await page.keyboard.press("Enter");
  await expect(year).toHaveAccessibleDescription(/年度は令和\d+年度から令和\d+年度までの間で入力してください/);
  await expect(year).toBeFocused();
  expect(sent).toEqual([expect.stringMatching(new RegExp(`^PATCH .*/api/progress/targets/${id}$`))]);
  await expect(row).toContainText(`${amount(hours.total, "時間")} / ${amount(5000, "時間")}`);

  // The year before and 10,000 hours: the row now reads that year's total against the new target.
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(String(latest.fiscalYear - 1));
  await page.keyboard.press("Enter");
  await expect(row).toContainText(`${amount(previous.total, "時間")} / ${amount(10000, "時間")}`);
  const pct = Math.min(100, Math.round((previous.total / 10000) * 10000) / 100);
  await expect(row).toContainText(`${Math.round(pct * 10) / 10}%`);
  await expect(targets.getByRole("heading", { name: "県全体の目標", exact: true })).toBeFocused();
  await expect(targets.getByRole("heading", { name: "目標を追加する" })).toBeVisible();
  await checkA11y(page, { label: "target edited" });
  const stored = (await api.get(`/progress/kpis?programmeId=${rpa.id}`)).targets.find((x: { id: string }) => x.id === id);
  expect(stored).toMatchObject({ fiscalYear: latest.fiscalYear - 1, targetValue: 10000, current: previous.total });

  // Cancel leaves the target as it is.
  await row.getByRole("button", { name: `目標「${title}」を編集` }).click();
  await value.fill("1");
  await targets.getByRole("button", { name: "キャンセル" }).click();
  await expect(row).toContainText(amount(10000, "時間"));
  await api.delete(`/progress/targets/${id}`);
});
