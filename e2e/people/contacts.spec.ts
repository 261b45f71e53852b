import { apiClient, checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

test("an organisation's administrator sets a colleague's 役職 and the body's members list shows it", async ({ page }) => {
  test.setTimeout(90_000);
  // The secretariat seats 阿武町's 奈古 誠 on a working group in person.
  await signIn(page, demoUsers.secretariat);
  const api = apiClient(page);
  const nago = (await api.get("/users?q=abu2@example.jp")).items[0];
  const bodies = await api.get("/bodies");
  const wg = (bodies.items ?? bodies).find((b: { name: string }) => b.name === demoBodies.wgOnline);
  await api.post(`/bodies/${wg.id}/members`, { userId: nago.id, position: "member" });

  // 阿武町's administrator opens the colleague's page and sets 所属・役職 with the keyboard-reachable form.
  await signIn(page, demoUsers.abu, { to: `/users/${nago.id}` });
  const form = page.getByRole("form", { name: "所属・役職" });
  await form.getByLabel("役職").fill("主".repeat(101));
  await form.getByRole("button", { name: "所属・役職を保存" }).click();
  // The browser refuses what the server would, with the same message, on the field.
  await expect(form.getByText("役職は100文字以内にしてください")).toBeVisible();
  await expect(form.getByLabel("役職")).toBeFocused();
  await checkA11y(page, { label: "user contact, refused" });
  await form.getByLabel("所属").fill("総務課 情報推進係");
  await form.getByLabel("役職").fill("主査");
  await form.getByRole("button", { name: "所属・役職を保存" }).press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await checkA11y(page, { label: "user contact" });

  // The working group's members list shows where to reach him.
  await page.goto(`/bodies/${wg.id}`);
  const members = page.getByRole("table", { name: `${demoBodies.wgOnline} の構成員` });
  const row = members.getByRole("row").filter({ hasText: "奈古 誠" });
  await expect(row).toContainText("総務課 情報推進係");
  await expect(row).toContainText("主査");
  await checkA11y(page, { label: "body members with contacts" });

  // The town's own page carries its contact card.
  await page.goto(`/orgs/${nago.org.id}`);
  await expect(page.getByRole("heading", { name: "問合せ先（阿武町）" })).toBeVisible();
  await checkA11y(page, { label: "organisation contact card" });
  // Its administrator keeps the town's 問合せ先: the browser checks it with the server's rules first.
  await page.getByRole("button", { name: "問合せ先を編集" }).click();
  const card = page.getByRole("form", { name: "問合せ先（阿武町）" });
  await card.getByLabel("電話番号").fill("代表");
  await card.getByRole("button", { name: "問合せ先を保存" }).click();
  await expect(card.getByText("電話番号は数字とハイフンで入力してください")).toBeVisible();
  await expect(card.getByLabel("電話番号")).toBeFocused();
  await checkA11y(page, { label: "organisation contact, refused" });
  await card.getByLabel("担当部署").fill("総務課 情報政策係");
  await card.getByLabel("電話番号").fill("08388-2-3111");
  await card.getByRole("button", { name: "問合せ先を保存" }).press("Enter");
  const shown = page.getByRole("region", { name: "問合せ先（阿武町）" });
  await expect(shown).toContainText("08388-2-3111");
  await expect(shown).toContainText("総務課 情報政策係");
  // Another town's card has no edit button for her.
  await page.goto(`/orgs/${(await api.get("/orgs?q=周南市")).items[0].id}`);
  await expect(page.getByRole("heading", { name: "問合せ先（周南市）" })).toBeVisible();
  await expect(page.getByRole("button", { name: "問合せ先を編集" })).toHaveCount(0);

  // He keeps his own title current in account settings.
  await signIn(page, "abu2@example.jp", { to: "/account" });
  const own = page.getByRole("form", { name: "所属・役職" });
  await expect(own.getByLabel("役職")).toHaveValue("主査");
  await checkA11y(page, { label: "account contact" });
});
