import { apiClient, checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/** The bell's badge fails label-content-name-mismatch once a user has unread notifications (see meetings.spec.ts). */
const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

/** A date n days from today (Japan time), "YYYY-MM-DD". */
const day = (n: number) => new Date(Date.now() + 9 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);

test("a meeting set on a holiday is pointed out; the home page lists the date poll waiting for my answer", async ({
  page,
  newPage,
}) => {
  test.setTimeout(120_000);
  await signIn(page, demoUsers.secretariat, { to: "/meetings" });
  await page.getByRole("link", { name: "会議を作成" }).click();
  // The list stays on screen while the form renders, and its filter is also named 会議体: wait for the form.
  await expect(page.getByRole("heading", { level: 1, name: "会議を作成" })).toBeVisible();
  await page.getByRole("combobox", { name: /^会議体/ }).selectOption({ label: demoBodies.wgOnline });
  // 2030-11-04 is the substitute holiday of 文化の日: the form says so as the date is typed.
  await page.getByLabel(/^開始日時/).fill("2030-11-04T14:00");
  await expect(
    page.getByRole("status").filter({ hasText: "祝日（文化の日 振替休日）です。開催日を確認してください。" }),
  ).toBeVisible();
  await checkA11y(page, { ...bell, label: "meeting form with a holiday warning" });
  await page.getByLabel(/^開始日時/).fill("2030-11-05T14:00");
  await expect(page.getByText("開催日を確認してください")).toHaveCount(0);
  await page.getByLabel(/^開始日時/).fill("2031-01-02T14:00");
  await expect(page.getByText("年末年始の閉庁日（12月29日〜1月3日）です。")).toBeVisible();
  await page.getByLabel(/^終了日時/).fill("2031-01-02T16:00");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /第\d+回 行政手続オンライン化WG/ })).toBeVisible();
  await expect(page.getByText("（年末年始の閉庁日（12月29日〜1月3日））")).toBeVisible();
  await checkA11y(page, { ...bell, label: "meeting detail with a date warning" });

  // A date poll for the council: 阿武町 sees it on the home page until it answers.
  const api = apiClient(page);
  const poll = await api.post("/date-polls", {
    bodyId: (await api.get("/bodies?limit=500")).items.find((b: { name: string }) => b.name === demoBodies.council).id,
    title: "第3回 連携会議の日程（ホーム確認）",
    kind: "hybrid",
    place: "山口県庁",
    deadline: new Date(`${day(12)}T17:00:00+09:00`).toISOString(),
    candidates: [
      {
        startsAt: new Date(`${day(40)}T14:00:00+09:00`).toISOString(),
        endsAt: new Date(`${day(40)}T16:00:00+09:00`).toISOString(),
      },
    ],
  });
  const abu = await newPage();
  await signIn(abu, demoUsers.abu, { to: "/" });
  const waiting = abu.getByRole("region", { name: "回答を待っている依頼" });
  const item = waiting.getByRole("listitem").filter({ hasText: "第3回 連携会議の日程（ホーム確認）" });
  await expect(item).toContainText("日程調整");
  await expect(item).toContainText("期限");
  await checkA11y(abu, { ...bell, label: "home with deadlines" });
  await item.getByRole("link").click();
  await expect(abu).toHaveURL(new RegExp(`/date-polls/${poll.id}$`));
});

test("the register of decisions lists an outcome of published minutes and filters by words", async ({ page, newPage }) => {
  test.setTimeout(120_000);
  // A past council meeting with one item, held, its minutes recording the outcome, approved and published.
  await signIn(page, demoUsers.secretariat, { to: "/meetings" });
  const api = apiClient(page);
  const council = (await api.get("/bodies?limit=500")).items.find((b: { name: string }) => b.name === demoBodies.council).id;
  const startsAt = new Date(`${day(-3)}T14:00:00+09:00`).toISOString();
  const endsAt = new Date(`${day(-3)}T16:00:00+09:00`).toISOString();
  const m = await api.post("/meetings", { bodyId: council, kind: "in_person", startsAt, endsAt, place: "山口県庁" });
  const detail = await api.post(`/meetings/${m.id}/agenda`, { title: "共同調達の進め方", minutesRequested: 20 });
  await api.post(`/meetings/${m.id}/announce`);
  await api.post(`/meetings/${m.id}/held`);
  await api.put(`/meetings/${m.id}/minutes`, {
    bodyMd: "議事概要",
    outcomes: { [detail.agenda[0].id]: "標準化WGで共同調達の検討を進める。" },
  });
  await api.post(`/meetings/${m.id}/minutes/approve`);
  await api.post(`/meetings/${m.id}/minutes/publish`);

  const abu = await newPage();
  await signIn(abu, demoUsers.abu, { to: "/meetings" });
  await abu.getByRole("link", { name: "決定事項の一覧" }).click();
  await expect(abu.getByRole("heading", { level: 1, name: "決定事項" })).toBeVisible();
  const row = abu.getByRole("table", { name: "決定事項" }).getByRole("row").filter({ hasText: "共同調達の進め方" });
  await expect(row).toContainText("標準化WGで共同調達の検討を進める。");
  await expect(row).toContainText(demoBodies.council);
  await checkA11y(abu, { ...bell, label: "decisions register" });
  await abu.getByRole("searchbox", { name: "キーワード" }).fill("どの決定にもない言葉");
  await expect(abu.getByText("該当する決定事項はありません。")).toBeVisible();
  await checkA11y(abu, { ...bell, label: "decisions register, nothing found" });
});
