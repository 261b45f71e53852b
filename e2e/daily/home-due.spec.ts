import { apiClient, checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/** The bell's visible count vs. its label trips axe once a user has unread notifications (see e2e/meetings). */
const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

/** An ISO instant n days from now at hh:00 Japan time. */
const at = (days: number, hour: number) => {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date(Date.now() + days * 86400_000));
  return new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+09:00`).toISOString();
};

test("the secretariat's home shows a new proposal; a town's home shows its unanswered attendance", async ({ page, newPage }) => {
  test.setTimeout(120_000);
  await signIn(page, demoUsers.secretariat);
  const sec = apiClient(page);
  const bodies = (await sec.get("/bodies")).items as { id: string; name: string; kind: string }[];
  const council = bodies.find((b) => b.kind === "council")!;
  const meeting = await sec.post("/meetings", {
    bodyId: council.id,
    kind: "in_person",
    startsAt: at(20, 14),
    endsAt: at(20, 16),
    place: "山口県庁",
    proposalDeadline: at(10, 17),
  });
  await sec.post(`/meetings/${meeting.id}/announce`);

  // 阿武町 proposes an item through the meeting page.
  const abu = await newPage();
  await signIn(abu, demoUsers.abu);
  const card = abu.getByRole("region", { name: "今後の会議" });
  const row = card.getByRole("listitem").filter({ hasText: meeting.name });
  await expect(row).toContainText("自団体の出欠：未回答");
  await expect(row).toContainText(/議題提案の締切 令和\d+年（\d{4}年）/);
  await checkA11y(abu, { ...bell, label: "town home" });
  await row.getByRole("link", { name: meeting.name }).click();
  // Nothing is preselected in an attendance not yet given.
  await expect(abu.getByText("まだ回答していません。")).toBeVisible();
  for (const radio of await abu.getByRole("radio").all()) await expect(radio).not.toBeChecked();
  await abu.getByLabel(/^議題名/).fill("書かない窓口の共同導入");
  await abu.getByLabel(/^希望時間/).fill("15");
  await abu.getByRole("button", { name: "議題を提案する" }).click();
  await expect(abu.getByText("提案中")).toBeVisible();

  // The secretariat's home lists it to decide; the bell has the notification.
  await page.goto("/");
  const todo = page.getByRole("region", { name: "採否の判断を待つ議題提案" });
  await expect(todo.getByRole("link", { name: "書かない窓口の共同導入" })).toBeVisible();
  await expect(todo).toContainText("阿武町");
  await expect(page.getByRole("region", { name: "出欠の未回答" })).toContainText(meeting.name);
  await checkA11y(page, { ...bell, label: "secretariat home" });
  await page.goto("/notifications");
  await expect(page.getByRole("link", { name: "議題の提案がありました：書かない窓口の共同導入" })).toBeVisible();

  // The secretariat enters 周南市's phoned-in answer; the list says it was entered on its behalf.
  await page.goto(`/meetings/${meeting.id}`);
  await page.getByRole("combobox", { name: /団体に代わって出欠を入力/ }).selectOption({ label: "周南市" });
  const form = page.getByRole("region", { name: "周南市 の出欠（代理入力）" });
  await form.getByRole("radio", { name: "欠席" }).check();
  await form.getByLabel(/^備考/).fill("11月5日 電話で回答");
  await form.getByRole("button", { name: "代理で回答する" }).click();
  await expect(page.getByRole("row", { name: /周南市/ })).toContainText("欠席（事務局が代理入力）");
  await checkA11y(page, { ...bell, label: "attendance on behalf" });
});
