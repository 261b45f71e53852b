import ExcelJS from "exceljs";

/**
 * A ministry's 照会 workbook as they really come (for tests and the benchmark): a notice sheet, the
 * input sheet with two header rows and merged cells, units in headers and number formats, a 和暦
 * date column, drop-down lists (one from a hidden list sheet, one inline), a formula-driven total
 * row, print settings and frozen panes, and a hidden sheet.
 */
export interface FixtureOrg {
  lgCode: string;
  name: string;
}

export const fixtureColumns = {
  regular: "D",
  partTime: "E",
  startDate: "F",
  cloud: "G",
  dedicated: "H",
  budget: "I",
  note: "J",
} as const;

export async function ministryWorkbook(orgs: FixtureOrg[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "総務省自治行政局";
  const notice = wb.addWorksheet("記入要領");
  notice.getCell("A1").value = "自治体DXの推進状況に関する調査（令和7年度）";
  notice.getCell("A3").value = "1 調査票の各欄に御記入ください。2 回答期限：令和8年1月16日（金）";

  const ws = wb.addWorksheet("調査票", {
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:4" },
    views: [{ state: "frozen", xSplit: 3, ySplit: 4 }],
  });
  ws.getCell("A1").value = "自治体DX推進状況調査票";
  ws.getCell("A1").font = { bold: true, size: 14 };
  const header = (range: string, text: string) => {
    ws.mergeCells(range);
    const cell = ws.getCell(range.split(":")[0]!);
    cell.value = text;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
  };
  header("A3:A4", "No.");
  header("B3:B4", "団体コード");
  header("C3:C4", "団体名");
  header("D3:E3", "職員数");
  ws.getCell("D4").value = "正規（人）";
  ws.getCell("E4").value = "非正規（人）";
  header("F3:F4", "導入予定日");
  header("G3:G4", "クラウド利用");
  header("H3:H4", "専任部署の有無");
  header("I3:I4", "予算額");
  header("J3:J4", "備考");
  const first = 5;
  orgs.forEach((o, i) => {
    const r = first + i;
    ws.getCell(`A${r}`).value = i + 1;
    ws.getCell(`B${r}`).value = o.lgCode;
    ws.getCell(`C${r}`).value = o.name;
    for (const col of ["D", "E"]) ws.getCell(`${col}${r}`).numFmt = "#,##0";
    ws.getCell(`F${r}`).numFmt = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"';
    ws.getCell(`I${r}`).numFmt = '#,##0"千円"';
    ws.getCell(`G${r}`).dataValidation = { type: "list", allowBlank: true, formulae: ["リスト!$A$1:$A$3"] };
    ws.getCell(`H${r}`).dataValidation = { type: "list", allowBlank: true, formulae: ['"はい,いいえ"'] };
    ws.getCell(`J${r}`).numFmt = "@";
  });
  const last = first + orgs.length - 1;
  const total = last + 1;
  ws.getCell(`C${total}`).value = "合計";
  for (const col of ["D", "E", "I"]) {
    ws.getCell(`${col}${total}`).value = { formula: `SUM(${col}${first}:${col}${last})`, result: 0 };
    ws.getCell(`${col}${total}`).font = { bold: true };
  }
  ws.pageSetup.printArea = `A1:J${total}`;
  ws.columns.forEach((c, i) => {
    c.width = [6, 10, 12, 10, 10, 18, 12, 12, 14, 30][i] ?? 10;
  });

  const list = wb.addWorksheet("リスト", { state: "hidden" });
  ["利用中", "検討中", "予定なし"].forEach((v, i) => {
    list.getCell(`A${i + 1}`).value = v;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
