import { apiClient } from "../support/api.js";
import { checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/** The bell's badge fails label-content-name-mismatch once a user has unread notifications (see meetings.spec.ts). */
const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

/** An ISO instant n days from now at 14:00 Japan time. */
const jstAt = (n: number, hour: number) => {
  const d = new Date(Date.now() + 9 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);
  return new Date(`${d}T${String(hour).padStart(2, "0")}:00:00+09:00`).toISOString();
};

test("agenda suggestions: adjust a rule, dismiss one with a reason, turn another into an agenda proposal", async ({
  page,
  newPage,
}) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const accepted = `共同利用する帳票の様式統一（${stamp}）`;
  const dismissed = `庁内ネットワークの分離方式（${stamp}）`;

  // Set-up through the API: a meeting of the standardisation WG, two challenges posted by 山口市 and shared by two towns.
  await signIn(page, demoUsers.secretariat);
  const sec = apiClient(page);
  const bodies = (await sec.get("/bodies")).items as { id: string; name: string }[];
  const wg = bodies.find((b) => b.name === demoBodies.wgStandard)!;
  const meeting = await sec.post("/meetings", {
    bodyId: wg.id,
    kind: "online",
    startsAt: jstAt(40, 14),
    endsAt: jstAt(40, 16),
    onlineUrl: "https://meet.example.jp/renkei",
  });
  const town = await newPage();
  await signIn(town, demoUsers.yamaguchi);
  const ids: string[] = [];
  for (const title of [accepted, dismissed])
    ids.push(
      (
        await apiClient(town).post("/challenges", {
          title,
          description: `${title}について各団体の状況を共有したい。`,
          bodyId: wg.id,
        })
      ).id,
    );
  for (const email of [demoUsers.shunan, demoUsers.abu]) {
    const p = await newPage();
    await signIn(p, email);
    for (const id of ids) await apiClient(p).post(`/challenges/${id}/shares`, { note: "当団体も同じです。" });
  }

  // The rules: a threshold out of range is refused with a message; challenges open for any time count.
  await page.goto("/insight");
  await expect(page.getByRole("heading", { level: 1, name: "議題の提案候補" })).toBeVisible();
  await checkA11y(page, { ...bell, label: "insight: meetings" });
  await page.getByRole("link", { name: "基準と閾値を見る・変更する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "議題の提案候補：基準と閾値" })).toBeVisible();
  const challengeRule = page.getByRole("group", { name: "複数団体が共有する課題" });
  await challengeRule.getByLabel(/^未解決の日数/).fill("９９９９");
  await page.getByRole("button", { name: "基準を保存" }).click();
  await expect(page.getByText("未解決の日数は0〜730の範囲で入力してください").first()).toBeVisible();
  await checkA11y(page, { ...bell, label: "insight: rules with an error" });
  await challengeRule.getByLabel(/^未解決の日数/).fill("0");
  await page.getByRole("button", { name: "基準を保存" }).click();
  await expect(page.getByText("基準を保存しました。")).toBeVisible();

  // The meeting's suggestions, with their evidence.
  await page.goto("/insight");
  await page.getByRole("link", { name: meeting.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${meeting.name} の議題の提案候補` })).toBeVisible();
  const card = (title: string) => page.getByRole("article", { name: `課題「${title}」（3団体で共有）` });
  await expect(card(accepted)).toBeVisible();
  await expect(card(accepted)).toContainText("山口市、周南市、阿武町");
  await expect(card(accepted).getByRole("link", { name: accepted })).toHaveAttribute("href", `/challenges/${ids[0]}`);
  await checkA11y(page, { ...bell, label: "insight: suggestions" });

  // Dismiss one: the reason is required, then it leaves the list and the decision is listed.
  await card(dismissed).getByRole("button", { name: "見送る" }).click();
  await card(dismissed).getByRole("button", { name: "見送りを記録する" }).click();
  await expect(card(dismissed).getByText("見送る理由を入力してください")).toBeVisible();
  await checkA11y(page, { ...bell, label: "insight: dismiss form with an error" });
  await card(dismissed)
    .getByLabel(/^見送る理由/)
    .fill("情報セキュリティの研修会で扱うため");
  await card(dismissed).getByRole("button", { name: "見送りを記録する" }).click();
  await expect(page.getByText("見送りを記録しました。")).toBeVisible();
  await expect(card(dismissed)).toHaveCount(0);
  await expect(
    page.getByRole("row", { name: /庁内ネットワークの分離方式.*見送り.*情報セキュリティの研修会で扱うため/ }),
  ).toBeVisible();

  // Accept the other by keyboard: it becomes a proposal on the meeting's agenda.
  await card(accepted).getByRole("button", { name: "議題として提案する" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("議題として提案しました。")).toBeVisible();
  await expect(card(accepted)).toHaveCount(0);
  await checkA11y(page, { ...bell, label: "insight: after accepting" });
  await page.getByRole("link", { name: "会議のページへ" }).click();
  await expect(page.getByText(`課題「${accepted}」（3団体で共有）`).first()).toBeVisible();

  await sec.put("/insight/rules", defaultRules());
});

function defaultRules() {
  return {
    progress: { enabled: true, monthsAhead: 6, minTownsBehind: 3 },
    challenge: { enabled: true, minTowns: 3, minOpenDays: 30 },
    desk: { enabled: true, windowDays: 90, minCases: 5, minTowns: 2 },
    actions: { enabled: true, minOverdueDays: 7, minItems: 1 },
    survey: { enabled: true, withinDays: 60, maxResponsePct: 60 },
    notice: { enabled: true, minDaysPublished: 14, minUnreadTowns: 3 },
  };
}
