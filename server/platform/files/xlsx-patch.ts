import { attrs, escapeXml, partText, splitRef, unescapeXml, type XlsxPackage } from "./xlsx-package.js";

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

const relsOf = (part: string) => part.replace(/([^/]+)$/, "_rels/$1.rels");
const resolveTarget = (from: string, target: string) => {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
};
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A formula's reference to any of the sheets: `'宇部市'!A1` or `宇部市!A1`. */
const sheetMention = (names: string[]) =>
  new RegExp(`(^|[^\\w'])(${names.map((n) => `'${escapeRe(n.replace(/'/g, "''"))}'|${escapeRe(n)}`).join("|")})!`);

/**
 * Removes whole sheets from a workbook (not hiding them: their parts, relationships and the parts
 * only they use are gone), in place. Defined names of removed sheets go too; the others keep
 * pointing at their sheets (`localSheetId` renumbered); the calculation chain is dropped for Excel to
 * rebuild; `active` becomes the tab the workbook opens on.
 */
export function removeSheets(pkg: XlsxPackage, names: Set<string>, active?: string): void {
  if (!names.size) return;
  let wb = partText(pkg, "xl/workbook.xml");
  let rels = partText(pkg, "xl/_rels/workbook.xml.rels");
  const relTargets = new Map(
    [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
      const a = attrs(m[0]);
      return [a.Id!, { tag: m[0], part: resolveTarget("xl/workbook.xml", a.Target!), type: a.Type ?? "" }];
    }),
  );
  const sheetTags = [...wb.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => ({ ...attrs(m[0]), tag: m[0] }) as Record<string, string>);
  const kept = sheetTags.filter((s) => !names.has(s.name!));
  const newIndex = new Map(sheetTags.map((s, i) => [i, kept.indexOf(s)]));
  const dropped = new Set<string>();
  for (const s of sheetTags.filter((t) => names.has(t.name!))) {
    wb = wb.replace(s.tag!, "");
    const rel = relTargets.get(s["r:id"]!);
    if (!rel) continue;
    rels = rels.replace(rel.tag, "");
    dropped.add(rel.part);
  }
  // Drop the calculation chain (it lists cells of the removed sheets by index).
  for (const rel of relTargets.values())
    if (rel.type.endsWith("/calcChain")) {
      rels = rels.replace(rel.tag, "");
      dropped.add(rel.part);
    }
  // Defined names: those of or about removed sheets go; the others follow their sheet's new index.
  const mentions = sheetMention([...names]);
  wb = wb.replace(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g, (all, tagAttrs: string, body: string) => {
    const local = /\blocalSheetId="(\d+)"/.exec(tagAttrs)?.[1];
    const to = local === undefined ? null : newIndex.get(Number(local));
    if (to === -1 || mentions.test(unescapeXml(body))) return "";
    return to === null || to === undefined ? all : all.replace(/\blocalSheetId="\d+"/, `localSheetId="${to}"`);
  });
  wb = wb.replace(/<definedNames>\s*<\/definedNames>/, "");
  const activeIndex = Math.max(
    0,
    kept.findIndex((s) => s.name === active),
  );
  wb = wb.replace(/<workbookView\b[^>]*?\/?>/g, (tag) =>
    tag.replace(/\s(activeTab|firstSheet)="\d+"/g, "").replace(/^<workbookView/, `<workbookView activeTab="${activeIndex}"`),
  );
  pkg.parts.set("xl/workbook.xml", Buffer.from(wb, "utf8"));
  pkg.parts.set("xl/_rels/workbook.xml.rels", Buffer.from(rels, "utf8"));
  // The removed parts' own relationships, and what only they used (drawings, comments, printer settings).
  const queue = [...dropped];
  while (queue.length) {
    const part = queue.pop()!;
    const own = relsOf(part);
    for (const m of partText(pkg, own).matchAll(/<Relationship\b[^>]*>/g)) {
      const a = attrs(m[0]);
      if (a.TargetMode === "External") continue;
      const target = resolveTarget(part, a.Target!);
      if (!dropped.has(target)) {
        dropped.add(target);
        queue.push(target);
      }
    }
    dropped.add(own);
  }
  // Keep whatever a remaining part still refers to.
  for (const [name, bytes] of pkg.parts) {
    if (!name.endsWith(".rels") || dropped.has(name)) continue;
    const from = name.replace(/_rels\/([^/]+)\.rels$/, "$1");
    for (const m of bytes.toString("utf8").matchAll(/<Relationship\b[^>]*>/g)) {
      const a = attrs(m[0]);
      if (a.TargetMode !== "External") dropped.delete(resolveTarget(from, a.Target!));
    }
  }
  for (const part of dropped) if (part !== "xl/workbook.xml") pkg.parts.delete(part);
  let types = partText(pkg, "[Content_Types].xml");
  types = types.replace(/<Override\b[^>]*\/>/g, (tag) => (dropped.has(attrs(tag).PartName!.replace(/^\//, "")) ? "" : tag));
  pkg.parts.set("[Content_Types].xml", Buffer.from(types, "utf8"));
}
