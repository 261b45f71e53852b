import { apiClient, checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

const bell = { exclude: ['a[href="/notifications"][aria-label]'] };

test("annual report: the secretariat picks the year, follows the job's progress and downloads the Word and PDF files", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, demoUsers.secretariat, { to: "/insight" });
  await page.getByRole("link", { name: "取組状況報告書を作成する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "取組状況報告書" })).toBeVisible();
  await checkA11y(page, { ...bell, label: "annual report" });

  // A year with no records is refused with the reason, on the field.
  await page.getByLabel("年度").selectOption({ label: "令和元年度（2019年度）" });
  await page.getByRole("button", { name: "報告書を作成" }).click();
  await expect(page.getByText("令和元年度には会議・相談・伴走型支援・照会・ＦＡＱの記録がないため").first()).toBeVisible();
  await checkA11y(page, { ...bell, label: "annual report refused" });

  // This year's record: one FAQ published (the demo's other records may fall in other years).
  const sec = apiClient(page);
  const faq = await sec.post("/faq", {
    category: "other",
    question: "報告書の作成手順を教えてください。",
    answer: "事務局が作成します。",
  });
  await sec.post(`/faq/${faq.id}/publish`, { confirmAnonymised: true });
  await page.getByLabel("年度").selectOption({ index: 0 });
  await page.getByRole("button", { name: "報告書を作成" }).click();
  const word = page.getByRole("link", { name: /Word形式でダウンロード/ });
  await expect(word).toBeVisible({ timeout: 60_000 });
  await checkA11y(page, { ...bell, label: "annual report ready" });
  const [docx] = await Promise.all([page.waitForEvent("download"), word.click()]);
  expect(docx.suggestedFilename()).toMatch(/^令和\d+年度_取組状況報告書\.docx$/);
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /PDF形式でダウンロード/ }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/^令和\d+年度_取組状況報告書\.pdf$/);
  const bytes = await (await import("node:fs")).promises.readFile((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
});
