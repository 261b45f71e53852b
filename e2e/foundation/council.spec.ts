import { checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

test("a member browses the council and its members", async ({ page }) => {
  await signIn(page, demoUsers.yamaguchi);
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "会議体" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "会議体" })).toBeVisible();
  // Grouped: the working groups sit under the council.
  const council = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: demoBodies.council, exact: true }) });
  await expect(council.getByRole("link", { name: demoBodies.wgStandard })).toBeVisible();
  await expect(council.getByRole("link", { name: demoBodies.divide })).toBeVisible();
  await checkA11y(page, { label: "bodies" });

  await page.getByRole("link", { name: demoBodies.council, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: demoBodies.council })).toBeVisible();
  await expect(page.getByText("県と19市町が")).toBeVisible();
  const members = page.getByRole("table");
  await expect(members.getByRole("row").filter({ hasText: "山口県" }).first()).toContainText("座長");
  await expect(members.getByRole("row").filter({ hasText: "山口市" })).toContainText("副座長");
  await expect(members.getByRole("row").filter({ hasText: "総務省" })).toContainText("オブザーバー");
  // A municipal clerk reads but does not manage the membership.
  await expect(page.getByRole("heading", { name: "構成員を追加" })).toHaveCount(0);
  await checkA11y(page, { label: "council detail" });
});

test("the secretariat adds a member to the subcommittee and sees it in the table", async ({ page }) => {
  await signIn(page, demoUsers.secretariat, { to: "/bodies" });
  await page.getByRole("link", { name: demoBodies.divide }).click();
  await expect(page.getByRole("heading", { level: 1, name: demoBodies.divide })).toBeVisible();
  await checkA11y(page, { label: "subcommittee" });

  const table = page.getByRole("table");
  await expect(table.getByRole("row").filter({ hasText: "総務省" })).toHaveCount(0);
  const form = page.getByRole("region", { name: "構成員を追加" });
  await form.getByRole("combobox", { name: /^団体/ }).selectOption({ label: "総務省 自治行政局（連絡調整）" });
  await form.getByRole("combobox", { name: /^役職/ }).selectOption({ label: "オブザーバー" });
  await form.getByLabel("任期の開始日").fill("2025-04-01");
  await form.getByRole("button", { name: "構成員を追加" }).click();

  await expect(page.getByRole("status").filter({ hasText: "構成員に追加しました" })).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: "総務省 自治行政局（連絡調整）" });
  await expect(row).toContainText("オブザーバー");
  await expect(row).toContainText("令和7年（2025年）4月1日");
  await checkA11y(page, { label: "subcommittee after adding" });

  // A person can be added too, and a position changed in the dialog.
  await form.getByRole("radio", { name: "個人" }).check();
  await form.getByRole("combobox", { name: /^個人/ }).fill("連絡調整官");
  await form
    .getByRole("listbox", { name: "候補" })
    .getByRole("option", { name: /総務省 連絡調整官/ })
    .click();
  await form.getByRole("button", { name: "構成員を追加" }).click();
  const person = table.getByRole("row").filter({ hasText: "総務省 連絡調整官" });
  await expect(person).toContainText("構成員");

  await person.getByRole("button", { name: /編集する/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("combobox", { name: /^役職/ }).selectOption({ label: "副座長" });
  await checkA11y(page, { label: "edit member dialog" });
  await dialog.getByRole("button", { name: "保存する" }).click();
  await expect(dialog).toBeHidden();
  await expect(person).toContainText("副座長");
});

test("a body's secretariat who is not a user administrator finds a person by name and adds them", async ({ page, guard }) => {
  await signIn(page, demoUsers.specialist, { to: "/bodies" });
  await page.getByRole("link", { name: demoBodies.divide }).click();
  await expect(page.getByRole("heading", { level: 1, name: demoBodies.divide })).toBeVisible();
  await checkA11y(page, { label: "subcommittee (its secretariat)" });

  const table = page.getByRole("table");
  await expect(table.getByRole("row").filter({ hasText: "阿武 由美" })).toHaveCount(0);
  const form = page.getByRole("region", { name: "構成員を追加" });
  await form.getByRole("radio", { name: "個人" }).check();
  const input = form.getByRole("combobox", { name: /^個人/ });
  await input.fill("阿武");
  const list = form.getByRole("listbox", { name: "候補" });
  const abu = list.getByRole("option", { name: /阿武 由美.*abu@example\.jp/ });
  await expect(abu).toBeVisible();
  await expect(input).toHaveAttribute("aria-expanded", "true");
  await expect(form.getByRole("status")).toHaveText(/\d+件見つかりました/);
  await checkA11y(page, { label: "person lookup results" });

  // Keyboard only: ↓ moves through the results, Enter takes the highlighted person.
  const count = await list.getByRole("option").count();
  for (let i = 0; i < count && (await abu.getAttribute("aria-selected")) !== "true"; i++) await input.press("ArrowDown");
  await expect(abu).toHaveAttribute("aria-selected", "true");
  await expect(input).toHaveAttribute("aria-activedescendant", (await abu.getAttribute("id")) ?? "");
  await input.press("Enter");
  await expect(list).toBeHidden();
  await expect(input).toHaveValue("阿武 由美（阿武町）");
  await expect(form.getByText("選択中：阿武 由美（阿武町・abu@example.jp）")).toBeVisible();
  await form.getByRole("button", { name: "構成員を追加" }).click();

  await expect(page.getByRole("status").filter({ hasText: "阿武 由美 を構成員に追加しました" })).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: "阿武 由美" });
  await expect(row).toContainText("構成員");
  await expect(row).toContainText("阿武町");
  await expect(input).toHaveValue("");
  await checkA11y(page, { label: "subcommittee after adding a person" });
  // The lookup is the body's own: the user administration list was never asked.
  expect(guard.requests.filter((u) => new URL(u).pathname.startsWith("/api/users"))).toEqual([]);
});
