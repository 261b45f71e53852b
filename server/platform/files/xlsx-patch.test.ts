import { describe, expect, it } from "vitest";
import { writeCellsXml } from "./xlsx-patch.js";

const sheet = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="3" max="3" width="12" style="7" customWidth="1"/></cols><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;

describe("writeCellsXml", () => {
  it("replaces existing cells keeping their style, inserts missing cells and rows in order, and leaves the rest as it was", () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="3" spans="1:4"><c r="A3" s="2"><v>1</v></c><c r="D3" s="5"/></row>',
    );
    const out = writeCellsXml(
      xml,
      new Map([
        ["D3", { number: 42 }],
        ["C3", { text: "A&B <東京>" }],
        ["B2", { text: "新しい行" }],
        ["A5", { blank: true }],
      ]),
    );
    expect(out).toContain('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    expect(out).toContain('<row r="2"><c r="B2" t="inlineStr"><is><t xml:space="preserve">新しい行</t></is></c></row>');
    expect(out).toContain(
      '<row r="3" spans="1:4"><c r="A3" s="2"><v>1</v></c><c r="C3" s="7" t="inlineStr"><is><t xml:space="preserve">A&amp;B &lt;東京&gt;</t></is></c><c r="D3" s="5"><v>42</v></c></row>',
    );
    expect(out).toContain('<row r="5"><c r="A5"/></row></sheetData><mergeCells count="1">');
  });

  it("writes into an empty sheet", () => {
    const out = writeCellsXml(sheet("").replace("<sheetData></sheetData>", "<sheetData/>"), new Map([["B2", { number: 1 }]]));
    expect(out).toContain('<sheetData><row r="2"><c r="B2"><v>1</v></c></row></sheetData>');
  });
});
