import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { encodeCp932 } from "../../../platform/files/text.js";
import { openPackage, readZipEntries } from "../../../platform/files/xlsx-package.js";
import { lastAudit, type TestEnv, testEnv } from "../../../platform/testing/harness.js";
import { minimalPdf } from "../../documents/test-files.js";
import { deadlineIn } from "../test-helpers.js";
import { libreOfficeCsv } from "./libreoffice.js";
import { fixtureMunicipalities, relayRequest } from "./test-relay.js";
import { type FixtureOrg, ministryWorkbook } from "./test-workbook.js";

/**
 * The relay round trip on a realistic ministry workbook: import → answers by form and by upload
 * (XLSX and a Shift_JIS CSV) → write-back, judged by SheetJS and LibreOffice (readers this project
 * does not write with), with every refusal the issue lists.
 */
let env: TestEnv;
let munis: (FixtureOrg & { id: string })[];
let original: Buffer;
let surveyId: string;
const rowOf = (name: string) => 5 + munis.findIndex((m) => m.name === name);

const inject = (email: string | null, method: "GET" | "POST", url: string, file?: { name: string; data: Buffer }) =>
  relayRequest(env, email, method, url, file);

/** A town's clerk filling its row in Excel: exceljs opens the copy, types values, saves. */
async function fillInExcel(
  copy: Buffer,
  row: number,
  values: Record<string, ExcelJS.CellValue>,
  edit?: (ws: ExcelJS.Worksheet) => void,
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(copy as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("調査票")!;
  for (const [col, v] of Object.entries(values)) ws.getCell(`${col}${row}`).value = v;
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  env = await testEnv();
  munis = await fixtureMunicipalities(env);
  original = await ministryWorkbook(munis);
});

describe("import: a survey proposed from the ministry's workbook", () => {
  it("finds the table under merged headers, types each column, keeps the files, and audits", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.postForm("/api/surveys/import-workbook", { title: "自治体DX推進状況調査" }, [
      { name: "調査票.xlsx", data: original },
      { name: "通知.pdf", data: minimalPdf("notice") },
    ]);
    expect(res.status).toBe(201);
    surveyId = res.body.survey.id;
    const wb = res.body.workbook;
    expect(wb).toMatchObject({ sheet: "調査票", keyCol: "B", headerRows: [3, 4], range: `B5:J${4 + munis.length}` });
    expect(wb.rows).toHaveLength(munis.length);
    const questions = res.body.survey.definition.sections[0].questions;
    expect(questions.map((q: { id: string; kind: string; title: string }) => [q.id, q.kind, q.title])).toEqual([
      ["col_D", "number", "職員数 正規（人）"],
      ["col_E", "number", "職員数 非正規（人）"],
      ["col_F", "date", "導入予定日"],
      ["col_G", "single_choice", "クラウド利用"],
      ["col_H", "yes_no", "専任部署の有無"],
      ["col_I", "number", "予算額"],
      ["col_J", "short_text", "備考"],
    ]);
    // The list of a drop-down on the hidden sheet, the unit of a number format.
    expect(questions[3].options.map((o: { label: string }) => o.label)).toEqual(["利用中", "検討中", "予定なし"]);
    expect(questions[5].unit).toBe("千円");
    expect(res.body.survey.attachments.map((a: { name: string }) => a.name).sort()).toEqual(["調査票.xlsx", "通知.pdf"]);
    expect(res.body.survey.targetOrgIds).toHaveLength(munis.length);
    const audit = await lastAudit(env, "survey.importWorkbook");
    expect(JSON.parse(audit!.changes!)).toMatchObject({ sheet: "調査票", rows: munis.length, columns: 7 });
    // Published by the secretariat after review.
    expect((await sec.patch(`/api/surveys/${surveyId}`, { deadlineAt: deadlineIn(10) })).status).toBe(200);
    expect((await sec.post(`/api/surveys/${surveyId}/publish`)).status).toBe(200);
  });

  it("says what it looked for when there is no table, and keeps nothing", async () => {
    const before = await env.database.db.selectFrom("surveys").select(env.database.db.fn.countAll().as("n")).executeTakeFirst();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("依頼文").getCell("A1").value = "各位 調査への御協力をお願いします";
    const res = await (await env.as("secretariat@example.jp")).postForm("/api/surveys/import-workbook", {}, [
      { name: "依頼.xlsx", data: Buffer.from(await wb.xlsx.writeBuffer()) },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("団体名");
    expect(res.body.error.message).toContain("「依頼文」");
    const after = await env.database.db.selectFrom("surveys").select(env.database.db.fn.countAll().as("n")).executeTakeFirst();
    expect(Number(after!.n)).toBe(Number(before!.n));
  });

  it("refuses an .xls with what to do", async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    const res = await (await env.as("secretariat@example.jp")).postForm("/api/surveys/import-workbook", {}, [
      { name: "古い様式.xls", data: xls },
    ]);
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain(".xlsx");
  });
});

describe("answers: by form and by upload", () => {
  it("takes a town's answer typed on the form", async () => {
    const abu = await env.as("abu@example.jp");
    const url = `/api/surveys/${surveyId}/answers/${env.demo.orgs.阿武町}`;
    const data = { col_D: 18, col_E: 4, col_F: "2026-10-01", col_G: "o1", col_H: true, col_I: 2500, col_J: "共同調達" };
    expect((await abu.post(`${url}/submit`, { version: 0, data })).status).toBe(200);
  });

  it("gives a town its own pre-filled copy: its row only, never another town's answer", async () => {
    const res = await inject("abu@example.jp", "GET", `/api/surveys/${surveyId}/answers/${env.demo.orgs.阿武町}/workbook.xlsx`);
    expect(res.status).toBe(200);
    const ws = XLSX.read(res.bytes).Sheets.調査票!;
    expect(ws[`D${rowOf("阿武町")}`].v).toBe(18);
    expect(ws[`H${rowOf("阿武町")}`].v).toBe("はい");
    const kaminoseki = await inject(
      "kaminoseki@example.jp",
      "GET",
      `/api/surveys/${surveyId}/answers/${env.demo.orgs.上関町}/workbook.xlsx`,
    );
    const other = XLSX.read(kaminoseki.bytes).Sheets.調査票!;
    for (const col of "DEFGHIJ") expect(other[`${col}${rowOf("阿武町")}`]?.v ?? null).toBeNull();
  });

  it("reads a copy filled in Excel, shows old → new cell by cell, and saves through the form's rules", async () => {
    const org = env.demo.orgs.上関町!;
    const copy = (await inject("kaminoseki@example.jp", "GET", `/api/surveys/${surveyId}/answers/${org}/workbook.xlsx`)).bytes;
    const r = rowOf("上関町");
    const filled = await fillInExcel(copy, r, {
      D: 9,
      E: 2,
      F: "令和8年4月1日",
      G: "検討中",
      H: "いいえ",
      I: 800,
      J: "県の共同利用に参加予定",
    });
    const preview = await inject("kaminoseki@example.jp", "POST", `/api/surveys/${surveyId}/answers/${org}/workbook`, {
      name: "上関町_調査票.xlsx",
      data: filled,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.row).toBe(r);
    expect(preview.body.changes).toContainEqual({
      ref: `F${r}`,
      questionId: "col_F",
      title: "導入予定日",
      before: "",
      after: "令和8年4月1日",
    });
    expect(preview.body.data).toMatchObject({ col_F: "2026-04-01", col_G: "o2", col_H: false, col_I: 800 });
    const kami = await env.as("kaminoseki@example.jp");
    const saved = await kami.post(`/api/surveys/${surveyId}/answers/${org}/submit`, {
      version: preview.body.version,
      data: preview.body.data,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
  });

  it("reads the Shift_JIS CSV Excel saves, at the same cells", async () => {
    const org = env.demo.orgs.周南市!;
    const r = rowOf("周南市");
    const lines = Array.from({ length: r }, (_, i) =>
      i + 1 === r ? ["", "", "周南市", "7", "1", "R8.6.1", "利用中", "はい", "1,500", "様式どおり"] : [],
    );
    lines[2] = ["No.", "団体コード", "団体名", "職員数", "", "導入予定日", "クラウド利用", "専任部署の有無", "予算額", "備考"];
    lines[3] = ["", "", "", "正規（人）", "非正規（人）"];
    lines[r - 1]![1] = munis.find((m) => m.name === "周南市")!.lgCode;
    const csv = encodeCp932(
      `${lines.map((l) => l.map((c) => (c.includes(",") ? `"${c}"` : c)).join(",")).join("\r\n")}\r\n`,
    ).bytes;
    const preview = await inject("shunan@example.jp", "POST", `/api/surveys/${surveyId}/answers/${org}/workbook`, {
      name: "調査票.csv",
      data: csv,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.data).toEqual({
      col_D: 7,
      col_E: 1,
      col_F: "2026-06-01",
      col_G: "o1",
      col_H: true,
      col_I: 1500,
      col_J: "様式どおり",
    });
  });

  const refusal = async (
    values: Record<string, ExcelJS.CellValue>,
    edit?: (ws: ExcelJS.Worksheet) => void,
    row = rowOf("上関町"),
  ) => {
    const org = env.demo.orgs.上関町!;
    const copy = (await inject("kaminoseki@example.jp", "GET", `/api/surveys/${surveyId}/answers/${org}/workbook.xlsx`)).bytes;
    const res = await inject("kaminoseki@example.jp", "POST", `/api/surveys/${surveyId}/answers/${org}/workbook`, {
      name: "上関町.xlsx",
      data: await fillInExcel(copy, row, values, edit),
    });
    expect(res.status).toBe(400);
    return res.body.error as { message: string; details: { issues: { path: string; message: string }[] } };
  };

  it("refuses another town's row, formulas, non-dates and a changed template, naming sheet and cell", async () => {
    const abuRow = rowOf("阿武町");
    const other = await refusal({ D: 3 }, undefined, abuRow);
    expect(other.details.issues[0]).toMatchObject({ path: `調査票!D${abuRow}` });
    expect(other.message).toContain("ほかの団体の行");
    const r = rowOf("上関町");
    const formula = await refusal({ D: { formula: "B2*2", result: 4 } as ExcelJS.CellFormulaValue });
    expect(formula.details.issues).toContainEqual({ path: `調査票!D${r}`, message: expect.stringContaining("数式") });
    const date = await refusal({ F: "来年度中" });
    expect(date.details.issues).toContainEqual({
      path: `調査票!F${r}`,
      message: expect.stringContaining("日付として読めません"),
    });
    const choice = await refusal({ G: "わからない" });
    expect(choice.details.issues[0]!.message).toContain("選べるもの：利用中・検討中・予定なし");
    const moved = await refusal({}, (ws) => ws.spliceColumns(4, 0, ["追加列"]));
    expect(moved.details.issues).toContainEqual({
      path: "調査票!D4",
      message: "見出し「正規（人）」が D4 から E4 に移動しています",
    });
    expect(moved.message).toContain("表の位置が変わっている");
    // Nothing was saved by any of them.
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.get(`/api/surveys/${surveyId}/answers/${env.demo.orgs.上関町}`)).body.version).toBe(1);
  });
});

describe("write-back into the ministry's own workbook", () => {
  let written: Buffer;

  it("writes every submitted answer and nothing else: SheetJS sees the original cell for cell", async () => {
    const res = await inject("secretariat@example.jp", "GET", `/api/surveys/${surveyId}/workbook/collation.xlsx`);
    expect(res.status).toBe(200);
    written = res.bytes;
    const opts = { cellFormula: true, cellStyles: true, cellNF: true } as const;
    const before = XLSX.read(original, opts);
    const after = XLSX.read(written, opts);
    expect(after.SheetNames).toEqual(["記入要領", "調査票", "リスト"]);
    expect(after.Workbook?.Sheets?.map((s) => s.Hidden)).toEqual([0, 0, 1]);
    const answers: Record<string, unknown[]> = {
      阿武町: [18, 4, 46296 /* 2026-10-01 */, "利用中", "はい", 2500, "共同調達"],
      上関町: [9, 2, 46113 /* 2026-04-01 */, "検討中", "いいえ", 800, "県の共同利用に参加予定"],
    };
    const expected: Record<string, unknown> = {};
    for (const [town, values] of Object.entries(answers))
      values.forEach((v, i) => {
        expected[`${"DEFGHIJ"[i]}${rowOf(town)}`] = v;
      });
    for (const name of before.SheetNames) {
      const a = before.Sheets[name]!;
      const b = after.Sheets[name]!;
      expect(b["!merges"]).toEqual(a["!merges"]);
      expect(b["!ref"]).toEqual(a["!ref"]);
      const refs = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !k.startsWith("!")));
      for (const ref of refs) {
        if (name === "調査票" && ref in expected) {
          expect(b[ref].v, ref).toBe(expected[ref]);
          expect(b[ref].z, ref).toBe(a[ref]?.z ?? "General"); // the cell keeps its format (和暦, 千円)
          continue;
        }
        const pick = (c: XLSX.CellObject | undefined) => (c ? { t: c.t, v: c.v, f: c.f, z: c.z, s: c.s } : undefined);
        if (name === "調査票" && /^[D-J]\d+$/.test(ref) && !a[ref]?.f && a[ref]?.v === undefined) {
          // Answer cells of towns that did not submit: still empty (a blank cell may now be written out).
          expect(b[ref]?.v, ref).toBeUndefined();
          continue;
        }
        expect(pick(b[ref]), `${name}!${ref}`).toEqual(pick(a[ref]));
      }
    }
    // The total row's formulas are the ministry's own.
    const total = 5 + munis.length;
    expect(after.Sheets.調査票![`D${total}`].f).toBe(`SUM(D5:D${total - 1})`);
    const audit = await lastAudit(env, "survey.writeBack");
    expect(JSON.parse(audit!.changes!)).toMatchObject({ answers: 2, into: "original" });
  });

  it("changes only the written cells' XML: every other part is byte for byte the ministry's", async () => {
    const a = (await openPackage(original)).parts;
    const b = (await openPackage(written)).parts;
    expect([...b.keys()]).toEqual([...a.keys()]);
    const changed = [...a.keys()].filter((k) => !a.get(k)!.equals(b.get(k)!)).sort();
    expect(changed).toEqual(["xl/workbook.xml", "xl/worksheets/sheet2.xml"]);
    // workbook.xml: only the flag that makes Excel and LibreOffice recompute the totals on opening.
    expect(b.get("xl/workbook.xml")!.toString().replace(' fullCalcOnLoad="1"', "")).toBe(a.get("xl/workbook.xml")!.toString());
    // The sheet: identical once the answer cells are set aside; styles (s=) of written cells kept.
    const cells = (xml: string) =>
      new Map([...xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g)].map((m) => [m[1]!, m]));
    const sa = a.get("xl/worksheets/sheet2.xml")!.toString();
    const sb = b.get("xl/worksheets/sheet2.xml")!.toString();
    const strip = (xml: string) =>
      xml.replace(/<c r="[D-J](\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g, (m, row) =>
        Number(row) >= 5 && Number(row) < 5 + munis.length ? "" : m,
      );
    expect(strip(sb)).toBe(strip(sa));
    const ca = cells(sa);
    for (const [ref, m] of cells(sb)) {
      const s = /\ss="(\d+)"/.exec(m[2]!)?.[1];
      if (ca.has(ref)) expect(s, ref).toBe(/\ss="(\d+)"/.exec(ca.get(ref)![2]!)?.[1]);
    }
  });

  it("opens cleanly in LibreOffice, which recomputes the ministry's total row over the answers", async () => {
    const csv = await libreOfficeCsv(written, 2);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[rowOf("阿武町") - 1]).toContain("阿武町,18,4,");
    expect(lines[rowOf("阿武町") - 1]).toContain("利用中,はい,2500,共同調達");
    expect(lines[rowOf("上関町") - 1]).toContain("上関町,9,2,");
    expect(lines[4 + munis.length]).toBe(",,合計,27,6,,,,3300,");
  });

  it("gives one filled workbook per town in a ZIP", async () => {
    const res = await inject("secretariat@example.jp", "GET", `/api/surveys/${surveyId}/workbook/copies.zip`);
    expect(res.status).toBe(200);
    const entries = await readZipEntries(res.bytes);
    expect([...entries.keys()].sort()).toEqual(["上関町_調査票.xlsx", "阿武町_調査票.xlsx"]);
    const abu = XLSX.read(entries.get("阿武町_調査票.xlsx")!).Sheets.調査票!;
    expect(abu[`D${rowOf("阿武町")}`].v).toBe(18);
    expect(abu[`D${rowOf("上関町")}`]?.v).toBeUndefined();
    expect(res.headers["content-type"]).toBe("application/zip");
  });

  it("refuses to write into a collation table edited by hand, naming the cells", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(original as unknown as ArrayBuffer);
    wb.getWorksheet("調査票")!.getCell(`D${rowOf("阿武町")}`).value = 20;
    const typed = await inject("secretariat@example.jp", "POST", `/api/surveys/${surveyId}/workbook/collation.xlsx`, {
      name: "照合表.xlsx",
      data: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(typed.status).toBe(400);
    expect(typed.body.error.details.issues).toContainEqual({
      path: `調査票!D${rowOf("阿武町")}`,
      message: `D${rowOf("阿武町")} に手で入力された値「20」があります`,
    });
    wb.getWorksheet("調査票")!.getCell(`D${rowOf("阿武町")}`).value = null;
    wb.getWorksheet("調査票")!.spliceRows(7, 0, ["", "", "（追加）"]);
    const inserted = await inject("secretariat@example.jp", "POST", `/api/surveys/${surveyId}/workbook/collation.xlsx`, {
      name: "照合表.xlsx",
      data: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(inserted.status).toBe(400);
    expect(inserted.body.error.details.issues[0].message).toMatch(/行が 7行目から 8行目に移動しています/);
  });
});

describe("workbook routes: access", () => {
  it("401 without a session, 403 for a town on the secretariat's routes, 404 for another town's copy", async () => {
    const routes = [
      ["GET", `/api/surveys/${surveyId}/workbook`],
      ["GET", `/api/surveys/${surveyId}/workbook/collation.xlsx`],
      ["GET", `/api/surveys/${surveyId}/workbook/copies.zip`],
      ["GET", `/api/surveys/${surveyId}/answers/${env.demo.orgs.阿武町}/workbook.xlsx`],
    ] as const;
    for (const [, url] of routes) expect((await env.anon.get(url)).status, url).toBe(401);
    expect((await env.anon.postForm("/api/surveys/import-workbook", {}, [{ name: "a.xlsx", data: original }])).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.postForm("/api/surveys/import-workbook", {}, [{ name: "a.xlsx", data: original }])).status).toBe(403);
    expect((await inject("abu@example.jp", "GET", `/api/surveys/${surveyId}/workbook/collation.xlsx`)).status).toBe(403);
    expect((await inject("abu@example.jp", "GET", `/api/surveys/${surveyId}/workbook/copies.zip`)).status).toBe(403);
    expect(
      (
        await inject("abu@example.jp", "POST", `/api/surveys/${surveyId}/workbook/collation.xlsx`, {
          name: "a.xlsx",
          data: original,
        })
      ).status,
    ).toBe(403);
    expect(
      (await inject("abu@example.jp", "GET", `/api/surveys/${surveyId}/answers/${env.demo.orgs.上関町}/workbook.xlsx`)).status,
    ).toBe(404);
    expect(
      (
        await inject("abu@example.jp", "POST", `/api/surveys/${surveyId}/answers/${env.demo.orgs.上関町}/workbook`, {
          name: "a.xlsx",
          data: original,
        })
      ).status,
    ).toBe(404);
    // A town sees only its own row of the layout.
    const info = await abu.get(`/api/surveys/${surveyId}/workbook`);
    expect(info.body.rows).toEqual([{ row: rowOf("阿武町"), org: { id: env.demo.orgs.阿武町, name: "阿武町" } }]);
    expect((await (await env.as("specialist@example.jp")).get(`/api/surveys/${surveyId}/workbook`)).status).toBe(404);
  });
});
