import { apiClient, checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

const deadline = () => {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date(Date.now() + 21 * 86400_000));
  return `${day}T17:00:00+09:00`;
};

const definition = {
  sections: [
    {
      id: "s1",
      title: "体制",
      questions: [
        { id: "staff", kind: "number", title: "担当職員数", unit: "人", min: 0, max: 100000 },
        {
          id: "systems",
          kind: "grid",
          title: "システムごとの状況",
          rows: ["住民記録", "税務", "福祉", "国保"].map((label, i) => ({ id: `r${i}`, label })),
          columns: [
            { id: "vendor", kind: "short_text", label: "事業者" },
            { id: "cost", kind: "number", label: "年間費用", unit: "千円" },
            { id: "done", kind: "yes_no", label: "移行済み" },
          ],
        },
      ],
    },
  ],
};

test("a clerk types full-width digits and pastes a 3×4 block from Excel into the survey grid", async ({ page, newPage }) => {
  test.setTimeout(120_000);
  await signIn(page, demoUsers.secretariat);
  const sec = apiClient(page);
  const created = await sec.post("/surveys", { title: "入力の照会（貼り付け）", definition, deadlineAt: deadline() });
  await sec.post(`/surveys/${created.id}/publish`);

  const abu = await newPage();
  await signIn(abu, demoUsers.abu, { to: `/surveys/${created.id}` });
  await abu.getByLabel(/^担当職員数/).fill("１，２００");
  await expect(abu.getByText("数値を入力してください")).toHaveCount(0);

  // Three rows of four columns copied from Excel (row label included, as people copy it), pasted into 住民記録・事業者.
  // The row label column is not a cell of the grid, so the block is the three answer columns plus one extra cell, cut off.
  const block = "A社\t１，２００\tはい\textra\r\nB社\t3 400\tいいえ\textra\r\nC社\t560\t○\textra\r\n";
  await abu.getByRole("textbox", { name: "住民記録・事業者" }).evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  await expect(abu.getByRole("textbox", { name: "税務・事業者" })).toHaveValue("B社");
  await expect(abu.getByRole("textbox", { name: "福祉・年間費用" })).toHaveValue("560");
  await expect(abu.getByRole("combobox", { name: "税務・移行済み" })).toHaveValue("false");
  await expect(abu.getByRole("status").filter({ hasText: "9個のセルに貼り付けました" })).toBeAttached();
  // Fill down: 国保's vendor takes 福祉's.
  await abu.getByRole("button", { name: "「事業者」の空欄を上の値で埋める" }).click();
  await expect(abu.getByRole("textbox", { name: "国保・事業者" })).toHaveValue("C社");
  await checkA11y(abu, { label: "survey answer with a pasted grid" });
  // The draft saves itself a moment after the last change; the button is enabled only while something is
  // unsaved. (Not clicked: the automatic save can disable it between a check and the click.)
  await expect(abu.getByRole("button", { name: "下書きを今すぐ保存" })).toBeDisabled();

  const orgId = (await apiClient(abu).get("/me")).user.org.id;
  const saved = await apiClient(abu).get(`/surveys/${created.id}/answers/${orgId}`);
  expect(saved.data.staff).toBe(1200);
  expect(saved.data.systems).toEqual({
    r0: { vendor: "A社", cost: 1200, done: true },
    r1: { vendor: "B社", cost: 3400, done: false },
    r2: { vendor: "C社", cost: 560, done: true },
    r3: { vendor: "C社" },
  });
});
