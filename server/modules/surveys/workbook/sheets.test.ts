import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { openPackage, readZipEntries } from "../../../platform/files/xlsx-package.js";
import { lastAudit, type TestEnv, testEnv } from "../../../platform/testing/harness.js";
import { deadlineIn } from "../test-helpers.js";
import { libreOfficeCsv } from "./libreoffice.js";
import { fixtureMunicipalities, relayRequest } from "./test-relay.js";
import { type FixtureOrg, perSheetWorkbook } from "./test-workbook.js";

/**
 * The relay for a ministry workbook with one input sheet per municipality: import → answers by form
 * and by upload → write-back into each municipality's sheet, judged by SheetJS and LibreOffice, with
 * the refusals (another body's sheet, formulas, non-dates, a moved template) saving nothing.
 */
let env: TestEnv;
let munis: (FixtureOrg & { id: string })[];
let original: Buffer;
let surveyId: string;

const inject = (email: string | null, method: "GET" | "POST", url: string, file?: { name: string; data: Buffer }) =>
  relayRequest(env, email, method, url, file);
const copyUrl = (org: string) => `/api/surveys/${surveyId}/answers/${env.demo.orgs[org]}/workbook.xlsx`;
const uploadUrl = (org: string) => `/api/surveys/${surveyId}/answers/${env.demo.orgs[org]}/workbook`;

/** A clerk filling its sheet in Excel: exceljs opens the copy, types values, saves. */
async function fillInExcel(
  copy: Buffer,
  sheet: string,
  values: Record<string, ExcelJS.CellValue>,
  edit?: (ws: ExcelJS.Worksheet) => void,
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(copy as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  for (const [ref, v] of Object.entries(values)) ws.getCell(ref).value = v;
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  env = await testEnv();
  munis = await fixtureMunicipalities(env);
  original = await perSheetWorkbook(munis);
});

describe("import: one sheet per municipality", () => {
  it("finds the sheets by municipality name and proposes questions from the form's labelled input cells", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.postForm("/api/surveys/import-workbook", { title: "自治体DX推進状況調査（団体別シート）" }, [
      { name: "調査票.xlsx", data: original },
    ]);
    expect(res.status, res.text).toBe(201);
    surveyId = res.body.survey.id;
    expect(res.body.workbook).toMatchObject({ kind: "sheets", sheet: munis[0]!.name });
    expect(res.body.workbook.rows).toHaveLength(munis.length);
    expect(res.body.workbook.rows[0]).toEqual({ row: 0, sheet: munis[0]!.name, org: { id: munis[0]!.id, name: munis[0]!.name } });
    const questions = res.body.survey.definition.sections[0].questions;
    expect(questions.map((q: { id: string; kind: string; title: string }) => [q.id, q.kind, q.title])).toEqual([
      ["cell_C6", "number", "職員数 正規（人）"],
      ["cell_C7", "number", "職員数 非正規（人）"],
      ["cell_C9", "date", "導入予定日"],
      ["cell_C10", "single_choice", "クラウド利用"],
      ["cell_C11", "yes_no", "専任部署の有無"],
      ["cell_C12", "number", "予算額"],
      ["cell_C13", "short_text", "備考"],
    ]);
    expect(questions[0].unit).toBe("人");
    expect(questions[3].options.map((o: { label: string }) => o.label)).toEqual(["利用中", "検討中", "予定なし"]);
    expect(questions[5].unit).toBe("千円");
    expect(res.body.survey.targetOrgIds).toHaveLength(munis.length);
    const audit = JSON.parse((await lastAudit(env, "survey.importWorkbook"))!.changes!);
    expect(audit).toMatchObject({ layout: "sheets", rows: munis.length, columns: 7 });
    expect((await sec.patch(`/api/surveys/${surveyId}`, { deadlineAt: deadlineIn(10) })).status).toBe(200);
    expect((await sec.post(`/api/surveys/${surveyId}/publish`)).status).toBe(200);
  });

  it("refuses municipality sheets whose forms differ, naming sheet and cell, and keeps nothing", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(original as unknown as ArrayBuffer);
    wb.getWorksheet("宇部市")!.spliceRows(6, 0, ["（追加）"]);
    const count = async () =>
      Number((await env.database.db.selectFrom("surveys").select(env.database.db.fn.countAll().as("n")).executeTakeFirst())!.n);
    const before = await count();
    const res = await (await env.as("secretariat@example.jp")).postForm("/api/surveys/import-workbook", {}, [
      { name: "調査票.xlsx", data: Buffer.from(await wb.xlsx.writeBuffer()) },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("宇部市!A6");
    expect(await count()).toBe(before);
  });
});

describe("answers: by form and by upload of the own sheet", () => {
  it("takes a town's answer typed on the form", async () => {
    const abu = await env.as("abu@example.jp");
    const data = {
      cell_C6: 18,
      cell_C7: 4,
      cell_C9: "2026-10-01",
      cell_C10: "o1",
      cell_C11: true,
      cell_C12: 2500,
      cell_C13: "共同調達",
    };
    expect((await abu.post(`/api/surveys/${surveyId}/answers/${env.demo.orgs.阿武町}/submit`, { version: 0, data })).status).toBe(
      200,
    );
  });

  it("gives a town a copy with its own sheet only, pre-filled: the other towns' sheets removed, not hidden", async () => {
    const res = await inject("abu@example.jp", "GET", copyUrl("阿武町"));
    expect(res.status).toBe(200);
    const book = XLSX.read(res.bytes, { cellFormula: true });
    expect(book.SheetNames).toEqual(["記入要領", "阿武町", "リスト"]);
    expect(book.Workbook?.Sheets?.map((s) => s.Hidden)).toEqual([0, 0, 1]);
    const ws = book.Sheets.阿武町!;
    expect([ws.C6.v, ws.C9.v, ws.C10.v, ws.C11.v, ws.C13.v]).toEqual([18, 46296, "利用中", "はい", "共同調達"]);
    expect(ws.C8.f).toBe("SUM(C6:C7)");
    const parts = [...(await openPackage(res.bytes)).parts.keys()];
    expect(parts.filter((p) => p.startsWith("xl/worksheets/sheet"))).toHaveLength(3);
    const workbookXml = (await openPackage(res.bytes)).parts.get("xl/workbook.xml")!.toString();
    expect(workbookXml).not.toContain("下関市");
    // The own sheet's print area follows it to its new tab index; the removed sheets' print areas are gone.
    expect([...workbookXml.matchAll(/<definedName\b[^>]*>[^<]*<\/definedName>/g)].map((m) => m[0])).toEqual([
      `<definedName name="_xlnm.Print_Area" localSheetId="1">&apos;阿武町&apos;!$A1:$D13</definedName>`,
    ]);
    // Opens in LibreOffice: the own sheet (second tab) with its total recomputed.
    const csv = (await libreOfficeCsv(res.bytes, 2)).split(/\r?\n/);
    expect(csv[7]).toBe("職員数の計,,22,人");
  });

  it("reads a copy filled in Excel, shows old → new cell by cell, and saves as the next version", async () => {
    const copy = (await inject("kaminoseki@example.jp", "GET", copyUrl("上関町"))).bytes;
    const filled = await fillInExcel(copy, "上関町", {
      C6: 9,
      C7: 2,
      C9: "令和8年4月1日",
      C10: "検討中",
      C11: "いいえ",
      C12: 800,
      C13: "県の共同利用に参加予定",
    });
    const preview = await inject("kaminoseki@example.jp", "POST", uploadUrl("上関町"), { name: "上関町.xlsx", data: filled });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ sheet: "上関町", row: null, version: 0 });
    expect(preview.body.changes).toContainEqual({
      ref: "C9",
      questionId: "cell_C9",
      title: "導入予定日",
      before: "",
      after: "令和8年4月1日",
    });
    expect(preview.body.data).toEqual({
      cell_C6: 9,
      cell_C7: 2,
      cell_C9: "2026-04-01",
      cell_C10: "o2",
      cell_C11: false,
      cell_C12: 800,
      cell_C13: "県の共同利用に参加予定",
    });
    const kami = await env.as("kaminoseki@example.jp");
    const saved = await kami.post(`/api/surveys/${surveyId}/answers/${env.demo.orgs.上関町}/submit`, {
      version: preview.body.version,
      data: preview.body.data,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
  });

  const refusal = async (file: Buffer) => {
    const res = await inject("kaminoseki@example.jp", "POST", uploadUrl("上関町"), { name: "上関町.xlsx", data: file });
    expect(res.status).toBe(400);
    return res.body.error as { message: string; details: { issues: { path: string; message: string }[] } };
  };

  it("refuses another town's sheet, formulas, non-dates and a moved template, naming sheet and cell; nothing saved", async () => {
    const copy = (await inject("kaminoseki@example.jp", "GET", copyUrl("上関町"))).bytes;
    const abuCopy = (await inject("abu@example.jp", "GET", copyUrl("阿武町"))).bytes;
    const other = await refusal(abuCopy);
    expect(other.details.issues[0]).toEqual({ path: "阿武町", message: "ほかの団体（阿武町）のシートです" });
    expect(other.message).toContain("自団体（上関町）のシートがありません");
    const whole = await refusal(await fillInExcel(original, "宇部市", { C6: 3 }));
    expect(whole.details.issues).toContainEqual({ path: "宇部市!C6", message: "ほかの団体のシート「宇部市」に入力があります" });
    const formula = await refusal(
      await fillInExcel(copy, "上関町", { C6: { formula: "C7*2", result: 4 } as ExcelJS.CellFormulaValue }),
    );
    expect(formula.details.issues).toContainEqual({ path: "上関町!C6", message: expect.stringContaining("数式") });
    const date = await refusal(await fillInExcel(copy, "上関町", { C9: "来年度中" }));
    expect(date.details.issues).toContainEqual({ path: "上関町!C9", message: expect.stringContaining("日付として読めません") });
    const moved = await refusal(await fillInExcel(copy, "上関町", {}, (ws) => ws.spliceRows(6, 0, ["（追加）"])));
    expect(moved.details.issues).toContainEqual({ path: "上関町!B6", message: "見出し「正規」が B6 から B7 に移動しています" });
    expect(moved.message).toContain("表の位置が変わっている");
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.get(`/api/surveys/${surveyId}/answers/${env.demo.orgs.上関町}`)).body.version).toBe(1);
  });
});

describe("write-back into each municipality's sheet", () => {
  let written: Buffer;
  it("writes every submitted answer into its sheet and nothing else: SheetJS sees the original cell for cell", async () => {
    const res = await inject("secretariat@example.jp", "GET", `/api/surveys/${surveyId}/workbook/collation.xlsx`);
    expect(res.status).toBe(200);
    written = res.bytes;
    const opts = { cellFormula: true, cellStyles: true, cellNF: true } as const;
    const before = XLSX.read(original, opts);
    const after = XLSX.read(written, opts);
    expect(after.SheetNames).toEqual(before.SheetNames);
    expect(after.Workbook?.Sheets?.map((s) => s.Hidden)).toEqual(before.Workbook?.Sheets?.map((s) => s.Hidden));
    const expected: Record<string, Record<string, unknown>> = {
      阿武町: { C6: 18, C7: 4, C9: 46296, C10: "利用中", C11: "はい", C12: 2500, C13: "共同調達" },
      上関町: { C6: 9, C7: 2, C9: 46113, C10: "検討中", C11: "いいえ", C12: 800, C13: "県の共同利用に参加予定" },
    };
    const pick = (c: XLSX.CellObject | undefined) => (c ? { t: c.t, v: c.v, f: c.f, z: c.z, s: c.s } : undefined);
    for (const name of before.SheetNames) {
      const a = before.Sheets[name]!;
      const b = after.Sheets[name]!;
      expect(b["!merges"], name).toEqual(a["!merges"]);
      expect(b["!ref"], name).toEqual(a["!ref"]);
      const refs = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !k.startsWith("!")));
      for (const ref of refs) {
        const want = expected[name]?.[ref];
        if (want !== undefined) {
          expect(b[ref].v, `${name}!${ref}`).toBe(want);
          expect(b[ref].z, `${name}!${ref}`).toBe(a[ref]?.z ?? "General");
        } else expect(pick(b[ref]), `${name}!${ref}`).toEqual(pick(a[ref]));
      }
    }
    expect(after.Sheets.阿武町!.C8.f).toBe("SUM(C6:C7)");
    // Only the two answered sheets' XML (and the recalculation flag) changed; print settings and validation with them.
    const pa = (await openPackage(original)).parts;
    const pb = (await openPackage(written)).parts;
    expect([...pb.keys()]).toEqual([...pa.keys()]);
    const changed = [...pa.keys()].filter((k) => !pa.get(k)!.equals(pb.get(k)!));
    expect(changed).toHaveLength(3);
    for (const part of changed.filter((p) => p.startsWith("xl/worksheets/"))) {
      const strip = (xml: string) => xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, "");
      expect(strip(pb.get(part)!.toString())).toBe(strip(pa.get(part)!.toString()));
    }
    expect(JSON.parse((await lastAudit(env, "survey.writeBack"))!.changes!)).toMatchObject({ answers: 2, into: "original" });
  });

  it("opens cleanly in LibreOffice, which recomputes each sheet's total", async () => {
    const tab = 2 + munis.findIndex((m) => m.name === "阿武町");
    const csv = (await libreOfficeCsv(written, tab)).split(/\r?\n/);
    expect(csv[2]).toBe("団体名,阿武町,,");
    expect(csv[5]).toBe("職員数,正規,18,人");
    expect(csv[7]).toBe("職員数の計,,22,人");
    expect(csv[9]).toBe("クラウド利用,,利用中,");
  });

  it("gives one workbook per town in a ZIP, each with only its own sheet", async () => {
    const res = await inject("secretariat@example.jp", "GET", `/api/surveys/${surveyId}/workbook/copies.zip`);
    expect(res.status).toBe(200);
    const entries = await readZipEntries(res.bytes);
    expect([...entries.keys()].sort()).toEqual(["上関町_調査票.xlsx", "阿武町_調査票.xlsx"]);
    const kami = XLSX.read(entries.get("上関町_調査票.xlsx")!);
    expect(kami.SheetNames).toEqual(["記入要領", "上関町", "リスト"]);
    expect(kami.Sheets.上関町!.C6.v).toBe(9);
  });

  it("refuses to write into a copy whose sheet was edited by hand, naming sheet and cell", async () => {
    const typed = await inject("secretariat@example.jp", "POST", `/api/surveys/${surveyId}/workbook/collation.xlsx`, {
      name: "照合.xlsx",
      data: await fillInExcel(original, "阿武町", { C6: 20 }),
    });
    expect(typed.status).toBe(400);
    expect(typed.body.error.details.issues).toContainEqual({
      path: "阿武町!C6",
      message: "C6 に手で入力された値「20」があります",
    });
  });
});

describe("access", () => {
  it("401 without a session, 403 for a town on the secretariat's files, 404 for another town's sheet", async () => {
    for (const url of [
      copyUrl("阿武町"),
      `/api/surveys/${surveyId}/workbook/collation.xlsx`,
      `/api/surveys/${surveyId}/workbook/copies.zip`,
    ])
      expect((await inject(null, "GET", url)).status, url).toBe(401);
    expect((await inject("abu@example.jp", "GET", `/api/surveys/${surveyId}/workbook/copies.zip`)).status).toBe(403);
    expect((await inject("abu@example.jp", "GET", copyUrl("上関町"))).status).toBe(404);
    expect((await inject("abu@example.jp", "POST", uploadUrl("上関町"), { name: "a.xlsx", data: original })).status).toBe(404);
    const info = await (await env.as("abu@example.jp")).get(`/api/surveys/${surveyId}/workbook`);
    expect(info.body.rows).toEqual([{ row: 0, sheet: "阿武町", org: { id: env.demo.orgs.阿武町, name: "阿武町" } }]);
  });
});
