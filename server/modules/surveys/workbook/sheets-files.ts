import type { SheetsLayout, UploadPreview } from "../../../../shared/api/relay.js";
import type { FieldIssue } from "../../../../shared/errors.js";
import { allQuestions, type Definition } from "../../../../shared/surveys/definition.js";
import type { AnswerData } from "../../../../shared/surveys/rules.js";
import { openPackage, savePackage, type XlsxPackage } from "../../../platform/files/xlsx-package.js";
import { type CellWrite, recalcOnOpen, removeSheets, writeCells } from "../../../platform/files/xlsx-patch.js";
import { sheetList } from "../../../platform/files/xlsx-sheets.js";
import { cellOfValue } from "./cells.js";
import {
  at,
  type Book,
  csvGrid,
  type Grid,
  gridOf,
  movedCells,
  noSuchSheet,
  readBook,
  refused,
  templateChanged,
} from "./grid.js";
import { readAnswer } from "./upload.js";

/**
 * Files of the one-sheet-per-organisation layout (sheets-detect.ts): an organisation's copy holds
 * only its own sheet (the other organisations' sheets removed, notices and lists kept), a filled
 * copy is read from that sheet, and the write-back fills every organisation's sheet of the
 * ministry's workbook. Pure: runs in a worker thread (through upload.ts and writeback.ts).
 */
const filled = (g: Grid, ref: string) => {
  const v = g.cells.get(ref)?.value;
  return v !== null && v !== undefined && v !== "";
};

function sheetOf(book: Book, name: string, file: string) {
  const sheet = book.sheets.find((s) => s.name === name);
  if (!sheet) throw noSuchSheet(file, name, book.sheets);
  return gridOf(book, sheet);
}

/** A filled copy sent back: its own sheet read into an answer; another organisation's sheet refused. */
export async function previewSheetUpload(
  bytes: Uint8Array,
  file: string,
  layout: SheetsLayout,
  def: Definition,
  orgId: string,
  current: { data: AnswerData; version: number },
): Promise<UploadPreview> {
  const mine = layout.sheets.find((s) => s.orgId === orgId)!;
  const book = await readBook(bytes, file);
  let g: Grid;
  if (!book) g = csvGrid(bytes, file, mine.sheet);
  else {
    const others = layout.sheets.filter((s) => s.orgId !== orgId && book.sheets.some((b) => b.name === s.sheet));
    if (!book.sheets.some((b) => b.name === mine.sheet) && others.length)
      throw refused(
        `「${file}」はシート「${others[0]!.sheet}」の様式で、自団体（${mine.sheet}）のシートがありません。自団体用にダウンロードした様式に入力してください。`,
        others.map((o) => ({ path: o.sheet, message: `ほかの団体（${o.sheet}）のシートです` })),
      );
    const typed: FieldIssue[] = [];
    for (const o of others) {
      const og = gridOf(book, book.sheets.find((b) => b.name === o.sheet)!);
      for (const f of layout.fields)
        if (filled(og, f.ref))
          typed.push({ path: at(o.sheet, f.ref), message: `ほかの団体のシート「${o.sheet}」に入力があります` });
    }
    if (typed.length)
      throw refused(
        `「${file}」には、ほかの団体のシート（${typed[0]!.path} など）に入力があります。自団体のシート「${mine.sheet}」だけに入力したファイルを送ってください。`,
        typed,
      );
    g = sheetOf(book, mine.sheet, file);
  }
  const moved = movedCells(g, layout.labelCells);
  if (moved.length) throw templateChanged(file, moved);
  return { file, row: null, ...readAnswer(g, file, layout.fields, def, current) };
}

/** The cells to write into each organisation's sheet. */
function plan(layout: SheetsLayout, def: Definition, answers: { orgId: string; data: AnswerData }[]) {
  const questions = new Map(allQuestions(def).map((q) => [q.id, q]));
  const byOrg = new Map(answers.map((a) => [a.orgId, a.data]));
  const out: { sheet: string; writes: Map<string, CellWrite> }[] = [];
  for (const s of layout.sheets) {
    const data = byOrg.get(s.orgId);
    if (!data) continue;
    const writes = new Map<string, CellWrite>();
    for (const f of layout.fields) {
      const q = questions.get(f.questionId);
      if (q) writes.set(f.ref, cellOfValue(q, f, data[q.id]));
    }
    out.push({ sheet: s.sheet, writes });
  }
  return out;
}

/** Each organisation's sheet must still be the form, with no formulas or hand-typed values in its answer cells. */
function checkTarget(original: Book, target: Book, file: string, layout: SheetsLayout, planned: ReturnType<typeof plan>) {
  const issues: FieldIssue[] = [];
  for (const { sheet, writes } of planned) {
    const g = sheetOf(target, sheet, file);
    const o = sheetOf(original, sheet, "original.xlsx");
    issues.push(...movedCells(g, layout.labelCells));
    for (const [ref] of writes) {
      const cell = g.cells.get(ref);
      if (cell?.formula) issues.push({ path: at(sheet, ref), message: `${ref} に数式（${cell.formula}）があります` });
      else if (filled(g, ref) && JSON.stringify(cell?.value) !== JSON.stringify(o.cells.get(ref)?.value))
        issues.push({ path: at(sheet, ref), message: `${ref} に手で入力された値「${String(cell?.value ?? "")}」があります` });
    }
  }
  const moved = issues.filter((i) => i.message.includes("見出し"));
  if (moved.length) throw templateChanged(file, moved);
  if (issues.length)
    throw refused(
      `「${file}」の団体ごとのシートには、回答を書き込む欄に数式や手入力の値があるため書き込めません（${issues[0]!.path}：${issues[0]!.message}${issues.length > 1 ? ` ほか${issues.length - 1}か所` : ""}）。元の様式を使うか、それらの欄を空にしてください。`,
      issues,
    );
}

/** Writes the planned cells into a copy of `book`; with `only`, the other organisations' sheets are removed. */
async function write(
  book: Pick<Book, "pkg"> & { sheets: { name: string; part: string }[] },
  planned: ReturnType<typeof plan>,
  only?: { layout: SheetsLayout; sheet: string },
) {
  const pkg = { parts: new Map(book.pkg.parts) };
  const partOf = new Map(book.sheets.map((s) => [s.name, s.part]));
  for (const { sheet, writes } of planned) writeCells(pkg, partOf.get(sheet)!, writes);
  if (only) {
    const others = only.layout.sheets.map((s) => s.sheet).filter((n) => n !== only.sheet && partOf.has(n));
    removeSheets(pkg, new Set(others), only.sheet);
  }
  recalcOnOpen(pkg);
  return savePackage(pkg);
}

/** The ministry's workbook (or the secretariat's copy of it) with every answer in its organisation's sheet. */
export async function sheetsCollation(
  originalBytes: Uint8Array,
  target: { bytes: Uint8Array; file: string } | null,
  layout: SheetsLayout,
  def: Definition,
  answers: { orgId: string; data: AnswerData }[],
) {
  const original = (await readBook(originalBytes, "original.xlsx"))!;
  const into = target ? await readBook(target.bytes, target.file) : original;
  if (!into) throw refused("書き込み先は XLSX ファイルにしてください。", [{ path: "file", message: "XLSX ではありません" }]);
  const planned = plan(layout, def, answers);
  checkTarget(original, into, target?.file ?? "original.xlsx", layout, planned);
  return write(into, planned);
}

/** One organisation's copy: its own sheet, pre-filled; the other organisations' sheets removed. */
export async function sheetsOrgCopy(
  original: Uint8Array | XlsxPackage,
  layout: SheetsLayout,
  def: Definition,
  answer: { orgId: string; data: AnswerData },
) {
  // Only the sheet list is needed here (no cell is read): the copy is written from the package itself,
  // opened once by a caller writing many copies.
  const pkg = original instanceof Uint8Array ? await openPackage(original, "original.xlsx") : original;
  const mine = layout.sheets.find((s) => s.orgId === answer.orgId)!;
  return write({ pkg, sheets: sheetList(pkg) }, plan(layout, def, [answer]), { layout, sheet: mine.sheet });
}
