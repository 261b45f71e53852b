import { apiClient, checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/** The bell's badge fails label-content-name-mismatch once a user has unread notifications (see meetings.spec.ts). */
const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

/** An ISO instant n days from today at hh:00 Japan time. */
const at = (n: number, hh: number) =>
  new Date(`${new Date(Date.now() + 9 * 3600_000 + n * 86400_000).toISOString().slice(0, 10)}T${hh}:00:00+09:00`).toISOString();

test("the secretariat adds the WG's report to the next council agenda, once", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, demoUsers.secretariat, { to: "/meetings" });
  const api = apiClient(page);
  const bodies = (await api.get("/bodies?limit=500")).items as { id: string; name: string }[];
  const idOf = (name: string) => bodies.find((b) => b.name === name)!.id;

  // Yesterday the online-procedures WG met; its published minutes record one outcome.
  const wg = await api.post("/meetings", {
    bodyId: idOf(demoBodies.wgOnline),
    kind: "online",
    startsAt: at(-1, 14),
    endsAt: at(-1, 15),
    onlineUrl: "https://meet.example.jp/wg",
  });
  const detail = await api.post(`/meetings/${wg.id}/agenda`, { title: "子育て手続の電子化", minutesRequested: 20 });
  await api.post(`/meetings/${wg.id}/announce`);
  await api.post(`/meetings/${wg.id}/held`);
  await api.put(`/meetings/${wg.id}/minutes`, {
    bodyMd: "議事概要",
    outcomes: { [detail.agenda[0].id]: "児童手当の申請をオンライン化する。" },
  });
  await api.post(`/meetings/${wg.id}/minutes/approve`);
  await api.post(`/meetings/${wg.id}/minutes/publish`);

  const council = await api.post("/meetings", {
    bodyId: idOf(demoBodies.council),
    kind: "in_person",
    startsAt: at(50, 14),
    endsAt: at(50, 16),
    place: "山口県庁",
  });
  await page.goto(`/meetings/${council.id}`);
  const agenda = page.getByRole("region", { name: "議題" });
  await agenda.getByRole("button", { name: "部会・WGの報告を議題に加える" }).click();
  await expect(page.getByText(/^\d+件の報告を議題に加えました$/)).toBeVisible();
  const item = agenda.getByRole("listitem").filter({ hasText: `${demoBodies.wgOnline}報告` });
  await expect(item).toContainText("・子育て手続の電子化：児童手当の申請をオンライン化する。");
  await expect(item).toContainText(wg.name);
  await checkA11y(page, { ...bell, label: "agenda with a WG report" });

  await agenda.getByRole("button", { name: "部会・WGの報告を議題に加える" }).click();
  await expect(page.getByText("加える報告はありません（前回以降の開催がないか、追加済みです）")).toBeVisible();
  await expect(agenda.getByRole("listitem").filter({ hasText: `${demoBodies.wgOnline}報告` })).toHaveCount(1);
});
