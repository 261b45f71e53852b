import { attrs, escapeXml, partText, splitRef, type XlsxPackage } from "./xlsx-package.js";

/**
 * Writes values into single cells of a workbook someone else made (a ministry's 様式) without
 * re-serialising it: only the `<c>` elements written change in that sheet's XML; styles, formulas,
 * data validation, merged cells, other sheets, print settings, drawings and everything else stay
 * byte for byte. Text goes in as inline strings, so the shared-string table is untouched too.
 */
export type CellWrite = { number: number } | { text: string } | { blank: true };

const cellXml = (ref: string, keep: string, w: CellWrite) => {
  if ("number" in w) return `<c r="${ref}"${keep}><v>${w.number}</v></c>`;
  if ("text" in w) return `<c r="${ref}"${keep} t="inlineStr"><is><t xml:space="preserve">${escapeXml(w.text)}</t></is></c>`;
  return `<c r="${ref}"${keep}/>`;
};

/** The attributes of an existing `<c>` to keep (its style and any others), without r and t. */
const keptAttrs = (tag: string) =>
  Object.entries(attrs(tag))
    .filter(([k]) => k !== "r" && k !== "t")
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join("");

/** The style a new cell in this column would show: the column's default (`<col style>`). */
function columnStyles(xml: string): (col: number) => string {
  const cols = [...xml.matchAll(/<col\b[^>]*>/g)].map((m) => attrs(m[0]));
  return (col) => {
    const c = cols.find((x) => Number(x.min) <= col && col <= Number(x.max) && x.style);
    return c ? ` s="${c.style}"` : "";
  };
}

function patchRow(rowXml: string, writes: [number, string, CellWrite][], colStyle: (c: number) => string): string {
  const open = /^<row\b[^>]*?(?=\/?>)/.exec(rowXml)![0];
  const selfClosing = /^<row\b[^>]*\/>$/.test(rowXml);
  const inner = selfClosing ? "" : rowXml.slice(rowXml.indexOf(">") + 1, rowXml.lastIndexOf("</row>"));
  const pending = new Map(writes.map(([c, ref, w]) => [c, { ref, w }]));
  let out = "";
  let last = 0;
  let colNo = 0;
  for (const m of inner.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const ref = /\br="([A-Z]+\d+)"/.exec(m[1]!)?.[1];
    colNo = ref ? splitRef(ref).col : colNo + 1;
    // New cells that belong before this one.
    for (const [c, p] of [...pending].filter(([c]) => c < colNo).sort((a, b) => a[0] - b[0])) {
      out += inner.slice(last, m.index) + cellXml(p.ref, colStyle(c), p.w);
      last = m.index!;
      pending.delete(c);
    }
    const mine = pending.get(colNo);
    if (mine) {
      out += inner.slice(last, m.index) + cellXml(mine.ref, keptAttrs(m[1]!), mine.w);
      last = m.index! + m[0].length;
      pending.delete(colNo);
    }
  }
  out += inner.slice(last);
  for (const [c, p] of [...pending].sort((a, b) => a[0] - b[0])) out += cellXml(p.ref, colStyle(c), p.w);
  return `${open.trimEnd()}>${out}</row>`;
}

/** The sheet part's XML with the cells written. */
export function writeCellsXml(xml: string, writes: Map<string, CellWrite>): string {
  const byRow = new Map<number, [number, string, CellWrite][]>();
  for (const [ref, w] of writes) {
    const { col, row } = splitRef(ref);
    byRow.set(row, [...(byRow.get(row) ?? []), [col, ref, w]]);
  }
  const colStyle = columnStyles(xml);
  let body = /<sheetData\s*\/>/.test(xml) ? "" : /<sheetData\b[^>]*>([\s\S]*?)<\/sheetData>/.exec(xml)?.[1];
  if (body === undefined) throw new Error("sheetData missing");
  // Rows to write, in order; walked once alongside the sheet's rows (new rows go in before the next higher one).
  const pending = [...byRow.keys()].sort((a, b) => a - b);
  let next = 0;
  let out = "";
  let last = 0;
  let rowNo = 0;
  for (const m of body.matchAll(/<row\b([^>]*?)(?:\/>|>[\s\S]*?<\/row>)/g)) {
    if (next >= pending.length) break;
    const r = /\br="(\d+)"/.exec(m[1]!);
    rowNo = r ? Number(r[1]) : rowNo + 1;
    while (next < pending.length && pending[next]! < rowNo) {
      const n = pending[next++]!;
      out += body.slice(last, m.index) + patchRow(`<row r="${n}"/>`, byRow.get(n)!, colStyle);
      last = m.index!;
    }
    if (pending[next] === rowNo) {
      next++;
      out += body.slice(last, m.index) + patchRow(m[0], byRow.get(rowNo)!, colStyle);
      last = m.index! + m[0].length;
    }
  }
  out += body.slice(last);
  for (; next < pending.length; next++) out += patchRow(`<row r="${pending[next]}"/>`, byRow.get(pending[next]!)!, colStyle);
  body = out;
  const m = /<sheetData\s*\/>|<sheetData\b[^>]*>[\s\S]*?<\/sheetData>/.exec(xml)!;
  const open = m[0].endsWith("/>") ? "<sheetData>" : m[0].slice(0, m[0].indexOf(">") + 1);
  return `${xml.slice(0, m.index)}${open}${body}</sheetData>${xml.slice(m.index + m[0].length)}`;
}

/** Writes cells into one sheet part of the package (in place). */
export function writeCells(pkg: XlsxPackage, part: string, writes: Map<string, CellWrite>): void {
  if (!writes.size) return;
  pkg.parts.set(part, Buffer.from(writeCellsXml(partText(pkg, part), writes), "utf8"));
}

/**
 * Asks Excel and LibreOffice to recompute every formula when the file is opened, so totals over
 * the written cells are right (their cached values were computed on the empty form). The one
 * change outside the written cells: the `fullCalcOnLoad` flag of `<calcPr>` in workbook.xml.
 */
export function recalcOnOpen(pkg: XlsxPackage): void {
  const xml = partText(pkg, "xl/workbook.xml");
  let next: string;
  if (/<calcPr\b[^>]*\bfullCalcOnLoad=/.test(xml)) next = xml.replace(/(<calcPr\b[^>]*\bfullCalcOnLoad=")[^"]*"/, '$11"');
  else if (/<calcPr\b/.test(xml)) next = xml.replace(/<calcPr\b/, '<calcPr fullCalcOnLoad="1"');
  else if (xml.includes("</definedNames>")) next = xml.replace("</definedNames>", '</definedNames><calcPr fullCalcOnLoad="1"/>');
  else next = xml.replace("</sheets>", '</sheets><calcPr fullCalcOnLoad="1"/>');
  if (next !== xml) pkg.parts.set("xl/workbook.xml", Buffer.from(next, "utf8"));
}
