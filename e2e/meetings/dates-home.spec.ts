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
