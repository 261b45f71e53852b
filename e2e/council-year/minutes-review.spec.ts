import { apiClient, checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/** The bell's badge fails label-content-name-mismatch once a user has unread notifications (see meetings.spec.ts). */
const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

const iso = (daysFromNow: number, hour: number) => {
  const d = new Date(Date.now() + daysFromNow * 86400_000);
  d.setUTCHours(hour - 9, 0, 0, 0);
  return d.toISOString();
};
const local = (days: number, hm: string) =>
  `${new Date(Date.now() + 9 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)}T${hm}`;

test("minutes review: two speakers correct their own remarks, the secretariat accepts and rejects", async ({ page, newPage }) => {
  test.setTimeout(150_000);
  await signIn(page, demoUsers.secretariat, { to: "/" });
  const api = apiClient(page);
  const bodies = (await api.get("/bodies")).items as { id: string; name: string }[];
  const council = bodies.find((b) => b.name === demoBodies.council)!;
  const m = await api.post("/meetings", { bodyId: council.id, kind: "online", startsAt: iso(-1, 14), endsAt: iso(-1, 16) });
  await api.post(`/meetings/${m.id}/announce`);
  await api.post(`/meetings/${m.id}/held`);
  await api.put(`/meetings/${m.id}/minutes`, {
    bodyMd:
      "事務局から資料1に基づき説明した。\n\n○阿武町（総務課長）　窓口の予約制を来年度から始めたい。\n\n○周南市　共同調達に参加を検討している。",
    outcomes: {},
  });

  // The secretariat sends the draft for review with a deadline.
  await page.goto(`/meetings/${m.id}/minutes`);
  await page.getByRole("link", { name: "議事録（案）の確認" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "議事録（案）の確認" })).toBeVisible();
  await page.getByLabel(/^確認の期限/).fill(local(7, "17:00"));
  await page.getByRole("button", { name: "確認に回す" }).click();
  await expect(page.getByText("確認中", { exact: true })).toBeVisible();
  await checkA11y(page, { ...bell, label: "minutes review (secretariat)" });
  const reviewUrl = new URL(page.url()).pathname;

  const speaker = async (email: string, own: string, other: string, text: string, finish = false) => {
    const p = await newPage();
    await signIn(p, email, { to: reviewUrl });
    await expect(p.getByRole("paragraph").filter({ hasText: own })).toBeVisible();
    // Only its own passage offers the form.
    await expect(p.getByRole("form", { name: "この箇所の修正を提案" })).toHaveCount(1);
    const passage = p.getByRole("listitem").filter({ hasText: own });
    await expect(p.getByRole("listitem").filter({ hasText: other }).getByRole("form")).toHaveCount(0);
    await passage.getByLabel(/^修正後の文/).fill(text);
    await passage.getByRole("button", { name: "提案する" }).click();
    await expect(passage.getByText("確認待ち")).toBeVisible();
    await checkA11y(p, { ...bell, label: `minutes review (${email})` });
    if (finish) {
      // Suggesting alone does not finish: the reviewer says so, by keyboard.
      const done = p.getByRole("button", { name: "提案を送信して完了" });
      await done.focus();
      await p.keyboard.press("Enter");
      await expect(p.getByText(/確認を完了しました（提案を送信して完了）/)).toBeVisible();
      await expect(p.getByRole("form", { name: "この箇所の修正を提案" })).toHaveCount(0);
      await checkA11y(p, { ...bell, label: `minutes review finished (${email})` });
    }
  };
  await speaker(
    demoUsers.abu,
    "○阿武町（総務課長）",
    "○周南市",
    "○阿武町（総務課長）　窓口の予約制を令和9年度から始める予定である。",
    true,
  );
  await speaker(demoUsers.shunan, "○周南市", "○阿武町", "○周南市　共同調達への参加を前向きに検討している。");

  await page.reload();
  // The secretariat sees who has finished and who has not.
  const answers = page.getByRole("table", { name: "団体ごとの回答状況" });
  await expect(answers.getByRole("row").filter({ hasText: "阿武町" })).toContainText("提案を送信して完了");
  await expect(answers.getByRole("row").filter({ hasText: "周南市" })).toContainText("未回答");
  await page.getByRole("button", { name: "阿武町の提案を反映する" }).click();
  await expect(page.getByText("反映済み")).toBeVisible();
  await page.getByRole("button", { name: "周南市の提案を見送る" }).click();
  await expect(page.getByText("見送り")).toBeVisible();
  await page.getByRole("button", { name: "確認を終了する" }).click();
  await expect(page.getByText("確認終了", { exact: true })).toBeVisible();
  await checkA11y(page, { ...bell, label: "minutes review closed" });

  // The draft minutes now carry the accepted correction and not the rejected one.
  const minutes = await api.get(`/meetings/${m.id}/minutes`);
  expect(minutes.current.bodyMd).toContain("令和9年度から始める予定である。");
  expect(minutes.current.bodyMd).toContain("○周南市　共同調達に参加を検討している。");
});
