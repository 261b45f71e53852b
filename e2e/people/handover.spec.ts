import * as XLSX from "xlsx";
import { apiClient, checkA11y, demoBodies, demoUsers, expect, signIn, test } from "../support/fixtures.js";

function workbook(rows: unknown[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "人事異動");
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer;
}
const xlsxMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test("bulk users, then the April 人事異動: preview, apply, and the successor's 引継ぎ書", async ({ page }) => {
  test.setTimeout(120_000);
  // The admin registers a town clerk from a staff list: check first, then register (invitation queued).
  await signIn(page, demoUsers.admin, { to: "/users/import" });
  await checkA11y(page, { label: "bulk users" });
  await page.getByLabel("職員一覧のファイル").setInputFiles({
    name: "職員.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("団体コード,氏名,メールアドレス,役割\r\n355020,四月 異動,april.leaver@example.jp,市町村職員\r\n"),
  });
  await page.getByRole("button", { name: "内容を確認する（まだ登録しません）" }).click();
  await expect(page.getByRole("table", { name: /登録される利用者（1人）/ })).toContainText("april.leaver@example.jp");
  await checkA11y(page, { label: "bulk users, dry run" });
  await page.getByRole("button", { name: "1人を登録して招待メールを送る" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1人を登録し、招待メールを送りました" })).toBeVisible();

  // The secretariat seats that clerk on a working group.
  await signIn(page, demoUsers.secretariat);
  const api = apiClient(page);
  const leaver = (await api.get("/users?q=april.leaver")).items[0];
  const bodies = await api.get("/bodies");
  const wg = (bodies.items ?? bodies).find((b: { name: string }) => b.name === demoBodies.wgRpa);
  await api.post(`/bodies/${wg.id}/members`, { userId: leaver.id, position: "member" });

  // 1 April: the secretariat uploads the personnel office's list and sees what will happen.
  await page.goto("/handover");
  await checkA11y(page, { label: "handover" });
  const list = workbook([
    ["異動者メールアドレス", "後任メールアドレス", "後任氏名", "後任団体コード", "異動日", "異動先団体コード"],
    ["april.leaver@example.jp", demoUsers.abu, "", "", "2026-04-01", ""],
  ]);
  await page.getByLabel("異動表のファイル").setInputFiles({ name: "令和8年4月1日異動.xlsx", mimeType: xlsxMime, buffer: list });
  await page.getByRole("button", { name: "内容を確認する（まだ変更しません）" }).click();
  const preview = page.getByRole("table", { name: /反映される変更（1人）/ });
  await expect(preview).toContainText("四月 異動");
  await expect(preview).toContainText("阿武 由美");
  await expect(preview).toContainText(demoBodies.wgRpa);
  await expect(preview).toContainText("無効にする");
  await checkA11y(page, { label: "handover preview" });
  await page.getByRole("button", { name: "1人の異動を反映する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1人の異動を反映しました" })).toBeVisible();

  // The successor opens their 引継ぎ書.
  await signIn(page, demoUsers.abu, { to: "/handover/mine" });
  const letter = page.getByRole("table", { name: /引継ぎ書/ });
  await expect(letter).toContainText(demoBodies.wgRpa);
  await expect(letter).toContainText("四月 異動");
  await expect(page.getByRole("link", { name: "引継ぎ書を PDF で開く" })).toBeVisible();
  await checkA11y(page, { label: "handover letter" });
});
