import { PDFDocument } from "pdf-lib";
import { apiClient, checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

const pdf = async () => Buffer.from(await (await PDFDocument.create()).addPage().doc.save());

const at = (days: number, hour: number) => {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date(Date.now() + days * 86400_000));
  return new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+09:00`).toISOString();
};

test("the secretariat renames, moves, reorders and deletes materials on screen", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, demoUsers.secretariat);
  const sec = apiClient(page);
  const council = ((await sec.get("/bodies")).items as { id: string; kind: string }[]).find((b) => b.kind === "council")!;
  const m = await sec.post("/meetings", {
    bodyId: council.id,
    kind: "online",
    startsAt: at(15, 10),
    endsAt: at(15, 11),
    place: "",
  });
  await sec.post(`/meetings/${m.id}/agenda`, { title: "国の動向", minutesRequested: 15 });
  const csrf = (await page.context().cookies()).find((c) => c.name === "renkei_csrf")?.value ?? "";
  for (const name of ["概要.pdf", "詳細.pdf"]) {
    const res = await page.request.post(`/api/meetings/${m.id}/materials`, {
      headers: { "x-csrf-token": csrf },
      multipart: { file: { name, mimeType: "application/pdf", buffer: await pdf() } },
    });
    expect(res.status()).toBe(201);
  }
  await page.goto(`/meetings/${m.id}`);
  const list = page.getByRole("region", { name: "資料", exact: true }).getByRole("listitem");
  await expect(list.first()).toContainText("参考資料1");
  await expect(list.first()).toContainText("概要");

  // Reorder: 詳細 moves up and becomes 参考資料1.
  await page.getByRole("button", { name: "「詳細」を上へ" }).click();
  await expect(list.first()).toContainText("詳細");

  // Rename 概要 and attach it to the agenda item.
  await page.getByRole("button", { name: "「概要」の名前・添付先を変更" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/^資料名/).fill("国の動向（総務省）");
  await dialog.getByRole("combobox", { name: "添付先の議題" }).selectOption({ label: "議題1 国の動向" });
  await checkA11y(page, { label: "material edit dialog" });
  await dialog.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("region", { name: "資料", exact: true })).toContainText("資料1");
  await expect(page.getByRole("link", { name: "国の動向（総務省）" })).toBeVisible();

  // Delete asks first; cancelling keeps the material.
  await page.getByRole("button", { name: "「詳細」を削除" }).click();
  await expect(page.getByRole("dialog")).toContainText("元に戻せません");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("link", { name: "詳細" })).toBeVisible();
  expect((await sec.get(`/meetings/${m.id}`)).materials).toHaveLength(2);
  await page.getByRole("button", { name: "「詳細」を削除" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "削除する" }).click();
  await expect(page.getByRole("link", { name: "詳細" })).toHaveCount(0);
  expect((await sec.get(`/meetings/${m.id}`)).materials.map((x: { title: string }) => x.title)).toEqual(["国の動向（総務省）"]);
  await checkA11y(page, { label: "meeting materials after edits" });
});
