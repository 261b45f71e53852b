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

export async function perSheetWorkbook(orgs: FixtureOrg[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "総務省自治行政局";
  const notice = wb.addWorksheet("記入要領");
  notice.getCell("A1").value = "自治体DXの推進状況に関する調査（令和7年度）";
  notice.getCell("A3").value = "各団体のシートに御記入ください。シートの追加・削除はしないでください。";
  const border = {
    top: { style: "thin" },
    bottom: { style: "thin" },
    left: { style: "thin" },
    right: { style: "thin" },
  } as const;
  for (const o of orgs) {
    const ws = wb.addWorksheet(o.name, { pageSetup: { orientation: "portrait", paperSize: 9, fitToPage: true } });
    ws.mergeCells("A1:D1");
    ws.getCell("A1").value = "自治体DX推進状況調査票";
    ws.getCell("A1").font = { bold: true, size: 14 };
    ws.getCell("A3").value = "団体名";
    ws.mergeCells("B3:D3");
    ws.getCell("B3").value = o.name;
    ws.getCell("A4").value = "団体コード";
    ws.getCell("B4").value = o.lgCode;
    ws.mergeCells("A6:A7");
    ws.getCell("A6").value = "職員数";
    ws.getCell("A6").alignment = { vertical: "middle" };
    ws.getCell("B6").value = "正規";
    ws.getCell("B7").value = "非正規";
    ws.mergeCells("A8:B8");
    ws.getCell("A8").value = "職員数の計";
    ws.getCell("C8").value = { formula: "SUM(C6:C7)", result: 0 };
    for (const r of [6, 7, 8]) {
      ws.getCell(`C${r}`).numFmt = "#,##0";
      ws.getCell(`D${r}`).value = "人";
    }
    const row = (r: number, label: string) => {
      ws.mergeCells(`A${r}:B${r}`);
      ws.getCell(`A${r}`).value = label;
    };
    row(9, "導入予定日");
    ws.getCell("C9").numFmt = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"';
    row(10, "クラウド利用");
    ws.getCell("C10").dataValidation = { type: "list", allowBlank: true, formulae: ["リスト!$A$1:$A$3"] };
    row(11, "専任部署の有無");
    ws.getCell("C11").dataValidation = { type: "list", allowBlank: true, formulae: ['"はい,いいえ"'] };
    row(12, "予算額");
    ws.getCell("C12").numFmt = '#,##0"千円"';
    row(13, "備考");
    ws.mergeCells("C13:D13");
    ws.getCell("C13").numFmt = "@";
    for (const ref of ["C6", "C7", "C8", "C9", "C10", "C11", "C12", "C13"]) ws.getCell(ref).border = border;
    ws.pageSetup.printArea = "A1:D13";
    ws.columns.forEach((c, i) => {
      c.width = [12, 10, 22, 8][i] ?? 10;
    });
  }
  const list = wb.addWorksheet("リスト", { state: "hidden" });
  ["利用中", "検討中", "予定なし"].forEach((v, i) => {
    list.getCell(`A${i + 1}`).value = v;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
