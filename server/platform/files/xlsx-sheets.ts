import { attrs, cellRef, partText, rangeOf, richText, splitRef, unescapeXml, type XlsxPackage } from "./xlsx-package.js";

/**
 * Reads sheets of an XLSX package the way a person sees them: each cell's value, whether a formula
 * computes it, its number format, and per sheet its merged ranges, data-validation rules and
 * visibility. Serialisable (it travels back from worker threads).
 */
export interface SheetCell {
  ref: string;
  row: number;
  col: number;
  /** Text, number or boolean; dates stay Excel serial numbers (see `isDateFormat`). */
  value: string | number | boolean | null;
  formula: string | null;
  /** The number format code ("General", "#,##0\"人\"", "[$-411]ggge\"年\"m\"月\"d\"日\""). */
  format: string;
}
export interface Validation {
  type: string;
  sqref: string[];
  /** A list's choices (quoted list or a range resolved to its values); empty for other types. */
  list: string[];
}
export interface SheetInfo {
  name: string;
  /** The part holding it, e.g. "xl/worksheets/sheet2.xml". */
  part: string;
  hidden: boolean;
  cells: SheetCell[];
  merges: string[];
  validations: Validation[];
}

const builtinFormats: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  14: "yyyy/m/d",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  22: "yyyy/m/d h:mm",
  27: "[$-411]ge.m.d",
  28: '[$-411]ggge"年"m"月"d"日"',
  29: '[$-411]ggge"年"m"月"d"日"',
  30: "m/d/yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"時"mm"分"',
  49: "@",
  57: '[$-411]ggge"年"m"月"',
  58: '[$-411]ggge"年"m"月"d"日"',
};

/** Whether a number format shows a date (year, month or day parts outside quotes and brackets). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "");
  if (/^general$/i.test(bare) || /E[+-]/.test(bare)) return false;
  return /[yd]/i.test(bare) || /g+e|(^|[^a-z])e+([^a-z]|$)/i.test(bare);
}

/** The quoted suffix of a number format: `#,##0"人"` → "人". */
export function formatUnit(code: string): string {
  if (isDateFormat(code)) return "";
  return /[0#]"([^"]+)"\s*(;|$)/.exec(code)?.[1] ?? "";
}

function sharedStrings(pkg: XlsxPackage): string[] {
  const xml = partText(pkg, "xl/sharedStrings.xml");
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => (m[1] ? richText(m[1]) : ""));
}

function cellFormats(pkg: XlsxPackage): string[] {
  const xml = partText(pkg, "xl/styles.xml");
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const a = attrs(m[0]);
    custom.set(Number(a.numFmtId), a.formatCode ?? "General");
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attrs(m[0]).numFmtId ?? 0);
    return custom.get(id) ?? builtinFormats[id] ?? "General";
  });
}

/** The workbook's sheets in tab order with their parts. */
export function sheetList(pkg: XlsxPackage): { name: string; part: string; hidden: boolean }[] {
  const rels = new Map<string, string>();
  for (const m of partText(pkg, "xl/_rels/workbook.xml.rels").matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const target = a.Target!.startsWith("/") ? a.Target!.slice(1) : `xl/${a.Target}`;
    rels.set(a.Id!, target);
  }
  return [...partText(pkg, "xl/workbook.xml").matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const a = attrs(m[0]);
    return { name: a.name!, part: rels.get(a["r:id"]!) ?? "", hidden: a.state === "hidden" || a.state === "veryHidden" };
  });
}

/** Whether the workbook counts dates from 1904 (old Mac workbooks). */
export const uses1904 = (pkg: XlsxPackage) => /<workbookPr\b[^>]*date1904="(1|true)"/.test(partText(pkg, "xl/workbook.xml"));

/** Every `<c>` of a sheet's XML with its position; cells written without `r` get the next column. */
function* sheetCellTags(xml: string): Generator<{ tag: string; body: string; ref: string; row: number; col: number }> {
  let rowNo = 0;
  for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = /\br="(\d+)"/.exec(rm[1]!);
    rowNo = r ? Number(r[1]) : rowNo + 1;
    let colNo = 0;
    for (const cm of (rm[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = /\br="([A-Z]+\d+)"/.exec(cm[1]!)?.[1];
      colNo = ref ? splitRef(ref).col : colNo + 1;
      yield { tag: cm[1]!, body: cm[2] ?? "", ref: cellRef(colNo, rowNo), row: rowNo, col: colNo };
    }
  }
}

function readCells(xml: string, strings: string[], formats: string[]): SheetCell[] {
  const cells: SheetCell[] = [];
  for (const c of sheetCellTags(xml)) {
    const a = attrs(c.tag);
    const f = /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(c.body);
    const v = /<v>([\s\S]*?)<\/v>/.exec(c.body)?.[1];
    let value: SheetCell["value"] = null;
    if (a.t === "s") value = v == null ? null : (strings[Number(v)] ?? "");
    else if (a.t === "inlineStr") value = richText(/<is>([\s\S]*?)<\/is>/.exec(c.body)?.[1] ?? "");
    else if (a.t === "str" || a.t === "e") value = v == null ? null : unescapeXml(v);
    else if (a.t === "b") value = v === "1";
    else if (v != null && v !== "") value = Number(v);
    const formula = f ? unescapeXml(f[1] ?? "") || "(shared)" : null;
    if (value === null && !formula && !a.s) continue;
    cells.push({ ref: c.ref, row: c.row, col: c.col, value, formula, format: formats[Number(a.s ?? 0)] ?? "General" });
  }
  return cells;
}

/** `<dataValidation>` rules, including Excel 2010's `x14:` form used for lists on other sheets. */
function readValidations(xml: string): { type: string; sqref: string[]; formula: string }[] {
  const out: { type: string; sqref: string[]; formula: string }[] = [];
  for (const m of xml.matchAll(/<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g)) {
    const a = attrs(m[1]!);
    out.push({
      type: a.type ?? "any",
      sqref: (a.sqref ?? "").split(/\s+/).filter(Boolean),
      formula: unescapeXml(/<formula1>([\s\S]*?)<\/formula1>/.exec(m[2]!)?.[1] ?? ""),
    });
  }
  for (const m of xml.matchAll(/<x14:dataValidation\b([^>]*)>([\s\S]*?)<\/x14:dataValidation>/g)) {
    out.push({
      type: attrs(m[1]!).type ?? "any",
      sqref: (/<xm:sqref>([\s\S]*?)<\/xm:sqref>/.exec(m[2]!)?.[1] ?? "").split(/\s+/).filter(Boolean),
      formula: unescapeXml(/<xm:f>([\s\S]*?)<\/xm:f>/.exec(m[2]!)?.[1] ?? ""),
    });
  }
  return out;
}

/** A list's choices: `"はい,いいえ"` or a range such as `選択肢!$A$1:$A$3` (on any sheet, hidden ones too). */
function listChoices(formula: string, here: SheetInfo, all: SheetInfo[]): string[] {
  const f = formula.trim();
  if (f.startsWith('"'))
    return f
      .slice(1, -1)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const m = /^(?:'?((?:[^'!]|'')+)'?!)?(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(f);
  if (!m) return [];
  const sheet = m[1] ? all.find((s) => s.name === m[1]!.replace(/''/g, "'")) : here;
  if (!sheet) return [];
  const r = rangeOf(m[2]!.replace(/\$/g, ""));
  return sheet.cells
    .filter((c) => c.row >= r.r1 && c.row <= r.r2 && c.col >= r.c1 && c.col <= r.c2 && c.value !== null && c.value !== "")
    .map((c) => String(c.value));
}

/** Every sheet of the workbook, read. */
export function readSheets(pkg: XlsxPackage): SheetInfo[] {
  const strings = sharedStrings(pkg);
  const formats = cellFormats(pkg);
  const raw = sheetList(pkg).map((s) => {
    const xml = partText(pkg, s.part);
    return {
      info: {
        ...s,
        cells: readCells(xml, strings, formats),
        merges: [...xml.matchAll(/<mergeCell\b[^>]*ref="([^"]+)"/g)].map((m) => m[1]!),
        validations: [],
      } as SheetInfo,
      rules: readValidations(xml),
    };
  });
  const sheets = raw.map((r) => r.info);
  for (const r of raw)
    r.info.validations = r.rules.map((v) => ({
      type: v.type,
      sqref: v.sqref,
      list: v.type === "list" ? listChoices(v.formula, r.info, sheets) : [],
    }));
  return sheets;
}

/** An Excel serial day as "YYYY-MM-DD" (1900 system with its 1900-02-29, or 1904). */
export function serialToYmd(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  return new Date(Date.UTC(1899, 11, 30) + days * 86400_000).toISOString().slice(0, 10);
}
export function ymdToSerial(ymd: string): number {
  return Math.round((Date.parse(`${ymd}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400_000);
}
