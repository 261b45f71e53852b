import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { parseCsv } from "../../../shared/csv.js";
import { csvBytes, csvValue } from "./csv.js";
import { decodeText, encodeCp932 } from "./text.js";
import { excelDate, excelTime, sheetNamer, workbookBuffer, type XlsxValue } from "./xlsx.js";

/**
 * The writers read back with readers this project does not write with: SheetJS for XLSX,
 * iconv-lite's own decoders for CSV. The data has what breaks files in practice.
 */
const tricky = '髙﨑𠮷〜−,;"\n改行';
const formulas = ["=1+1", "+81-3", "-5", "@SUM(A1)", "\tタブ", "\r復帰"];

describe("CSV read back with iconv", () => {
  const rows = [["名前", "値", "式"], [tricky, 1234.5, '=HYPERLINK("http://x")'], ...formulas.map((f, i) => [f, -i, null])];

  it("UTF-8: BOM, quotes and line breaks kept, every formula start neutralised, numbers as written", () => {
    const file = csvBytes(rows);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = iconv.decode(file.bytes, "utf8"); // iconv strips the BOM
    const back = parseCsvRaw(text);
    expect(back[1]).toEqual([tricky, "1234.5", '\'=HYPERLINK("http://x")']);
    expect(back.slice(2).map((r) => r[0])).toEqual(formulas.map((f) => `'${f}`));
    expect(back.slice(2).map((r) => r[1])).toEqual(["0", "-1", "-2", "-3", "-4", "-5"]);
    // Our own reader takes the ' off again, so an export imports back unchanged.
    expect(
      parseCsv(text)
        .slice(2)
        .map((r) => r[0]),
    ).toEqual(formulas);
  });

  it("Shift_JIS (CP932): Windows forms for 〜 − — ‖ ¢ £ ¬, unencodable characters reported and marked, never '?'", () => {
    const file = csvBytes([["〜−—‖¢£¬", "髙﨑", "𠮷野家", "?"]], "sjis");
    expect(file.mime).toBe("text/csv; charset=Shift_JIS");
    expect(file.unencodable).toEqual(["𠮷"]);
    const text = iconv.decode(file.bytes, "cp932");
    expect(text).toBe("～－―∥￠￡￢,髙﨑,〓野家,?\r\n");
    expect(file.bytes.includes(Buffer.from("?,"))).toBe(false); // the only "?" is the one written
    expect([...file.bytes.subarray(0, 2)]).toEqual([0x81, 0x60]); // 〜 is CP932's 0x8160
  });

  it("the decoder takes back what the encoder wrote, and refuses what is not text", () => {
    const { bytes } = encodeCp932("団体名,髙﨑町\r\n");
    expect(decodeText(bytes)).toEqual({ text: "団体名,髙﨑町\r\n", encoding: "Shift_JIS (Windows / CP932)" });
    expect(decodeText(Buffer.from(`\uFEFF${tricky}`))).toEqual({ text: tricky, encoding: "UTF-8 (BOM)" });
    expect(() => decodeText(Buffer.from("a,b\n\uFFFD"))).toThrow(/2行目/);
    expect(() => decodeText(Buffer.from([0x61, 0x0a, 0x0a, 0xff, 0xfe]))).toThrow(/3行目（ファイルの先頭から4バイト目）/);
    expect(() => decodeText(iconv.encode("団体名,山口市\n", "utf16le", { addBOM: true }))).toThrow(/UTF-16/);
    expect(() => decodeText(iconv.encode("団体名,山口市,下関市,宇部市\n", "euc-jp"))).toThrow(/EUC-JP/);
  });
});

/** A plain RFC 4180 split (no ' removal), to see the bytes as Excel would. */
function parseCsvRaw(text: string): string[][] {
  const wb = XLSX.read(text, { type: "string", raw: true });
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  return (XLSX.utils.sheet_to_json(ws, { header: 1, raw: false, defval: "" }) as string[][]).map((r) => r.map((c) => String(c)));
}

describe("XLSX read back with SheetJS", () => {
  it("keeps real types: Excel dates in Japan time, numbers, codes with zeros as text, formulas as text", async () => {
    const name = sheetNamer();
    const rows: XlsxValue[][] = [
      ["団体コード", "受付日時", "期限", "件数", "件名"],
      ["011002", excelTime("2026-03-31T15:30:00Z"), excelDate("2026-04-01"), 12, "=1+1"],
      ["352039", excelTime("2026-04-01T00:00:00Z"), null, -3.5, tricky],
    ];
    const bytes = await workbookBuffer([{ name: name("相談一覧"), rows, headerRows: 1 }]);
    const wb = XLSX.read(bytes, { type: "buffer", cellDates: true, cellNF: true, bookFiles: true });
    const ws = wb.Sheets["相談一覧"]!;
    expect(ws.A2).toMatchObject({ t: "s", v: "011002" });
    expect(ws.B2.t).toBe("d");
    // 15:30 UTC on 3/31 is 00:30 on 4/1 in Japan: the wall clock Excel shows.
    expect((ws.B2.v as Date).toISOString().slice(0, 16)).toBe("2026-04-01T00:30");
    expect(ws.B2.z).toBe("yyyy-mm-dd hh:mm");
    expect((ws.C2.v as Date).toISOString().slice(0, 10)).toBe("2026-04-01");
    expect(ws.D2).toMatchObject({ t: "n", v: 12 });
    expect(ws.D3).toMatchObject({ t: "n", v: -3.5 });
    expect(ws.E2).toMatchObject({ t: "s", v: "=1+1" });
    expect(ws.E2.f).toBeUndefined();
    expect(ws.E3.v).toBe(tricky);
    // Print setup: A4 landscape, fit to one page wide, the header row repeated on every page.
    const names = (wb.Workbook?.Names ?? []) as { Name: string; Ref: string }[];
    expect(names.find((n) => n.Name === "_xlnm.Print_Titles")?.Ref).toContain("$1:$1");
    const files = (wb as unknown as { files: Record<string, { content: Uint8Array }> }).files;
    const xml = Buffer.from(files["xl/worksheets/sheet1.xml"]!.content).toString("utf8");
    expect(xml).toMatch(/<pageSetup[^>]*paperSize="9"/);
    expect(xml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(xml).toMatch(/<pageSetup[^>]*fitToWidth="1"/);
    expect(xml).toMatch(/<pageSetUpPr[^>]*fitToPage="1"/);
  });

  it("writes drop-down lists and colour scales over the data rows, booleans, and drops characters XML cannot carry", async () => {
    const rows: XlsxValue[][] = [
      ["表題"],
      ["団体名", "状況", "率"],
      ["阿武町", "完了", 100],
      ["山口市\u0000\u0007\uFFFE", "着手", 50],
      [null, true, false],
    ];
    const bytes = await workbookBuffer([
      {
        name: "状況",
        rows,
        headerRows: 2,
        titleRows: 1,
        lists: [{ cols: [1], values: ["未着手", "着手", "完了"], errorTitle: "状況", error: "選んでください" }],
        colorScales: [
          {
            from: 2,
            to: 2,
            stops: [
              { num: 0, argb: "FFF8CBAD" },
              { num: 100, argb: "FFC6E0B4" },
            ],
          },
        ],
      },
    ]);
    const wb = XLSX.read(bytes, { type: "buffer", bookFiles: true });
    const ws = wb.Sheets["状況"]!;
    expect(ws.A4).toMatchObject({ t: "s", v: "山口市" });
    expect(ws.C3).toMatchObject({ t: "n", v: 100 });
    expect(ws.B5).toMatchObject({ t: "b", v: true });
    expect(ws.C5).toMatchObject({ t: "b", v: false });
    expect(ws.A5).toBeUndefined();
    expect(ws["!ref"]).toBe("A1:C5");
    const files = (wb as unknown as { files: Record<string, { content: Uint8Array }> }).files;
    const xml = Buffer.from(files["xl/worksheets/sheet1.xml"]!.content).toString("utf8");
    expect(xml).toContain(
      '<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="状況" error="選んでください" sqref="B3:B5"><formula1>&quot;未着手,着手,完了&quot;</formula1>',
    );
    expect(xml).toMatch(/<conditionalFormatting sqref="C3:C5"><cfRule type="colorScale"/);
    expect(xml).toMatch(/<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"\/>/);
  });

  it("names sheets as Excel requires: no []:*?/\\, no ' at the ends, 31 characters, unique, no U+FFFD", async () => {
    const name = sheetNamer();
    const raw = [
      "'[集計]: 令和8年度*?/\\'",
      "髙﨑𠮷".repeat(12),
      "髙﨑𠮷".repeat(12),
      "history",
      "壊\uFFFD字",
      "''",
      "集計",
      "集計",
    ];
    const names = raw.map(name);
    const bytes = await workbookBuffer(names.map((n) => ({ name: n, rows: [["見出し"]] })));
    const wb = XLSX.read(bytes, { type: "buffer" });
    expect(wb.SheetNames).toEqual(names);
    for (const n of wb.SheetNames) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\\uFFFD]|^'|'$/);
      expect(n.toLowerCase()).not.toBe("history");
    }
    expect(new Set(wb.SheetNames.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it("CSV and XLSX carry the same typed values (dates as 2026-04-01, times in Japan time)", () => {
    expect(csvValue(excelTime("2026-03-31T15:30:00Z"))).toBe("2026-04-01 00:30");
    expect(csvValue(excelDate("2026-04-01"))).toBe("2026-04-01");
    expect(csvValue(7)).toBe(7);
  });
});
