import { checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/** The bell's badge fails label-content-name-mismatch once a user has unread notifications (see meetings.spec.ts). */
const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

/** A date n days from today (Japan time), "YYYY-MM-DD". */
const day = (n: number) => new Date(Date.now() + 9 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);

test("a date poll: three candidates, two towns answer, the secretariat chooses and the meeting is set", async ({
  page,
  newPage,
}) => {
  test.setTimeout(150_000);
  await signIn(page, demoUsers.secretariat, { to: "/date-polls" });
  await expect(page.getByRole("heading", { level: 1, name: "日程調整" })).toBeVisible();
  await checkA11y(page, { ...bell, label: "date polls" });
  await page.getByRole("link", { name: "日程調整を作成" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "日程調整を作成" })).toBeVisible();

  await page.getByRole("combobox", { name: /^会議体/ }).selectOption({ label: demoBodies.council });
  await page.getByLabel(/^件名/).fill("第1回 連携会議の日程");
  await page.getByLabel(/^場所/).fill("山口県庁 共用第1会議室");
  // Sending without any candidate date is refused with a message.
  await page.getByLabel(/^回答期限/).fill(`${day(10)}T17:00`);
  await page.getByRole("button", { name: "作成して依頼する" }).click();
  await expect(page.getByText("候補日を1つ以上入れてください").first()).toBeVisible();
  await checkA11y(page, { ...bell, label: "date poll form with an error" });

  const candidate = (n: number) => page.getByRole("group", { name: `候補${n}` });
  await candidate(1).getByLabel("日付").fill(day(30));
  await page.getByRole("button", { name: "候補日を追加" }).click();
  await candidate(2).getByLabel("日付").fill(day(31));
  await candidate(2).getByLabel("開始時刻").fill("10:00");
  await candidate(2).getByLabel("終了時刻").fill("12:00");
  await page.getByRole("button", { name: "候補日を追加" }).click();
  await candidate(3).getByLabel("日付").fill(day(33));
  await page.getByRole("button", { name: "作成して依頼する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "第1回 連携会議の日程" })).toBeVisible();
  const pollUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("table", { name: "回答一覧" }).getByRole("columnheader")).toHaveCount(5);
  await checkA11y(page, { ...bell, label: "date poll (secretariat)" });

  // Two towns answer for their organisations, by keyboard for one of them.
  const answerAs = async (email: string, org: string, marks: string[], comment: string) => {
    const p = await newPage();
    await signIn(p, email, { to: pollUrl });
    const form = p.getByRole("region", { name: `${org}の回答` });
    await expect(form).toBeVisible();
    const groups = form.getByRole("group");
    for (const [i, mark] of marks.entries()) await groups.nth(i).getByLabel(mark).check();
    await form.getByLabel(/^コメント/).fill(comment);
    await form.getByRole("button", { name: "回答する" }).click();
    const row = p.getByRole("table", { name: "回答一覧" }).getByRole("row", { name: new RegExp(`^${org}`) });
    await expect(row.getByRole("cell").last()).toHaveText(comment);
    await checkA11y(p, { ...bell, label: `date poll (${org})` });
    return p;
  };
  await answerAs(demoUsers.abu, "阿武町", ["○ 出席可", "△ 調整中", "× 出席不可"], "午前は窓口当番");
  const shunan = await answerAs(demoUsers.shunan, "周南市", ["○ 出席可", "× 出席不可", "○ 出席可"], "");
  await expect(shunan.getByRole("table", { name: "回答一覧" }).getByRole("row", { name: /^合計/ })).toContainText("○2 △0 ×0");

  // The secretariat sees both answers and chooses the first candidate.
  await page.reload();
  const results = page.getByRole("table", { name: "回答一覧" });
  await expect(results.getByRole("row", { name: /^阿武町/ })).toContainText("午前は窓口当番");
  await expect(
    results
      .getByRole("row", { name: /^阿武町/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("△ 調整中");
  await page
    .getByRole("button", { name: /に決定する$/ })
    .first()
    .click();
  await expect(page.getByText(/^決定した日程：/)).toBeVisible();
  await checkA11y(page, { ...bell, label: "date poll decided" });
  await page.getByRole("link", { name: "会議のページへ" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`第\\d+回 ${demoBodies.council}`) })).toBeVisible();
  await expect(page.getByText("山口県庁 共用第1会議室").first()).toBeVisible();
});
