import { apiClient, checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

/** The bell's badge fails label-content-name-mismatch once a user has unread notifications (see meetings.spec.ts). */
const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

const iso = (daysFromNow: number, hour: number) => {
  const d = new Date(Date.now() + daysFromNow * 86400_000);
  d.setUTCHours(hour - 9, 0, 0, 0);
  return d.toISOString();
};

test("agenda referral: the secretariat refers a council proposal to a WG by keyboard; both sides show the history", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, demoUsers.secretariat, { to: "/" });
  const api = apiClient(page);
  const bodies = (await api.get("/bodies")).items as { id: string; name: string }[];
  const council = bodies.find((b) => b.name === demoBodies.council)!;
  const wg = bodies.find((b) => b.name === demoBodies.wgOnline)!;
  const m = await api.post("/meetings", {
    bodyId: council.id,
    kind: "online",
    startsAt: iso(20, 14),
    endsAt: iso(20, 16),
    proposalDeadline: iso(10, 17),
  });
  const title = `書かない窓口の共同検討 ${Date.now()}`;
  await api.post(`/meetings/${m.id}/proposals`, { title, minutesRequested: 15 });

  await page.goto(`/meetings/${m.id}`);
  const open = page.getByRole("button", { name: `「${title}」を他の会議体へ回付` });
  await open.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "他の会議体へ回付" });
  await expect(dialog.getByLabel(/^回付先の会議体/)).toBeVisible();
  // Nothing chosen: the shared schema's message, under the field, in Japanese.
  await dialog.getByRole("button", { name: "確認へ進む" }).press("Enter");
  await expect(dialog.getByText("回付先の会議体を選んでください")).toBeVisible();
  await checkA11y(page, { ...bell, label: "referral dialog" });
  // Only bodies the secretariat runs, and not the item's own body.
  await expect(dialog.getByRole("option", { name: demoBodies.council })).toHaveCount(0);
  await dialog.getByLabel(/^回付先の会議体/).selectOption({ label: demoBodies.wgOnline });
  await dialog.getByLabel(/^回付の理由/).fill("WGで具体化してから全体会議に戻す");
  await dialog.getByRole("button", { name: "確認へ進む" }).press("Enter");
  await expect(dialog.getByText(`「${title}」を${demoBodies.wgOnline}へ回付します。よろしいですか。`)).toBeVisible();
  await dialog.getByRole("button", { name: "回付する" }).press("Enter");
  await expect(page.getByText(`${demoBodies.wgOnline}へ回付しました`)).toBeVisible();
  await expect(dialog).toBeHidden();
  // The item left this meeting's agenda.
  await expect(page.getByRole("button", { name: `「${title}」を他の会議体へ回付` })).toHaveCount(0);

  // The receiving body shows what it received.
  await page.goto(`/bodies/${wg.id}`);
  const table = page.getByRole("table", { name: "回付された議題・回付した議題" });
  const row = table.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("受付");
  await expect(row).toContainText(`${demoBodies.council} → ${demoBodies.wgOnline}`);
  await expect(row).toContainText("WGで具体化してから全体会議に戻す");
  await checkA11y(page, { ...bell, label: "body page with referrals" });
  await page.goto(`/bodies/${council.id}`);
  await expect(table.getByRole("row").filter({ hasText: title }).getByRole("cell").first()).toHaveText("回付");

  // A WG meeting's backlog holds the item, with its history, and can refer it on.
  const wgMeeting = await api.post("/meetings", { bodyId: wg.id, kind: "online", startsAt: iso(25, 14), endsAt: iso(25, 16) });
  await page.goto(`/meetings/${wgMeeting.id}`);
  const history = page.locator("details").filter({ has: page.getByLabel(`「${title}」の回付の履歴`) });
  await page.getByLabel(`「${title}」の回付の履歴`).press("Enter");
  await expect(history.getByText(`${demoBodies.council} → ${demoBodies.wgOnline}`)).toBeVisible();
  await expect(page.getByRole("button", { name: `「${title}」を他の会議体へ回付` })).toBeVisible();
  await checkA11y(page, { ...bell, label: "meeting backlog with referral history" });
});
