import { addDays } from "../../shared/dates/calendar.js";
import { jstDate } from "../../shared/dates/jst.js";
import { apiClient, checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

const shown = (f: { complete: number; pct: number }, counted: number) =>
  `${f.complete} / ${counted} 団体（${Math.round(f.pct * 10) / 10}%）`;

test("online procedures show the national figure (マイナポータル) and the broad one, each labelled", async ({ page }) => {
  await signIn(page, demoUsers.abu, { to: "/progress" });
  const api = apiClient(page);
  const programme = (await api.get("/progress/programmes")).items.find((p: { code: string }) => p.code === "online-procedures");
  const { online } = await api.get(`/progress/dashboard?programmeId=${programme.id}`);
  await page.goto(`/progress?programmeId=${programme.id}`);
  const section = page.getByRole("region", { name: "手続のオンライン化が完了した市町" });
  const figure = (label: string) => section.getByText(label).locator("xpath=following-sibling::dd");
  await expect(figure("マイナポータル対応（国の定義）")).toHaveText(shown(online.national, online.counted));
  await expect(figure("オンライン化（他の電子申請を含む）")).toHaveText(shown(online.broad, online.counted));
  await expect(section).toContainText("マイナポータル（ぴったりサービス）で申請できる市町を完了と数えます");
  await checkA11y(page, { label: "online procedures dashboard" });

  // As of a past day: both figures as they stood then, rebuilt from the history of each procedure's channel.
  const asOf = addDays(jstDate(), -300);
  const past = (await api.get(`/progress/dashboard?programmeId=${programme.id}&asOf=${asOf}`)).online;
  await page.goto(`/progress?programmeId=${programme.id}&asOf=${asOf}`);
  await expect(page.getByText("時点の状況を表示しています（履歴から再現）。")).toBeVisible();
  await expect(figure("マイナポータル対応（国の定義）")).toHaveText(shown(past.national, past.counted));
  await expect(figure("オンライン化（他の電子申請を含む）")).toHaveText(shown(past.broad, past.counted));
  await checkA11y(page, { label: "online procedures dashboard as of a past day" });

  // A programme that is not about online procedures has no such figures.
  await page.goto("/progress");
  await expect(page.getByRole("heading", { level: 2, name: "市町 × 項目の進捗率" })).toBeVisible();
  await expect(page.getByRole("region", { name: "手続のオンライン化が完了した市町" })).toHaveCount(0);
});
