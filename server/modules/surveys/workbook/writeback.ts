import yazl from "yazl";
import { isSheetsLayout, type RowsLayout, type WorkbookLayout } from "../../../../shared/api/relay.js";
import type { FieldIssue } from "../../../../shared/errors.js";
import { allQuestions, type Definition } from "../../../../shared/surveys/definition.js";
import type { AnswerData } from "../../../../shared/surveys/rules.js";
import { openPackage, savePackage } from "../../../platform/files/xlsx-package.js";
import { type CellWrite, recalcOnOpen, writeCells } from "../../../platform/files/xlsx-patch.js";
import { cellOfValue } from "./cells.js";
import { at, type Grid, readGrid, refused, templateChanged, templateIssues } from "./grid.js";
import { sheetsCollation, sheetsOrgCopy } from "./sheets-files.js";

/**
 * Writes answers into the ministry's own workbook: only the answer cells of the table change (see
 * platform/files/xlsx-patch.ts); every other part of the file stays as the ministry made it.
 * Pure: runs in a worker thread.
 */
export interface OrgAnswer {
  orgId: string;
  data: AnswerData;
}

const sameCell = (a: CellWrite, b: CellWrite) => JSON.stringify(a) === JSON.stringify(b);
const cellOf = (g: Grid, ref: string): CellWrite => {
  const v = g.cells.get(ref)?.value;
  if (v === null || v === undefined || v === "") return { blank: true };
  return typeof v === "number" ? { number: v } : { text: String(v) };
};

/** The cells to write: for each organisation given, its answer; with `blankOthers`, every other row's filled answer cells emptied. */
function plan(layout: RowsLayout, def: Definition, answers: OrgAnswer[], blankOthers: Grid | null) {
  const questions = new Map(allQuestions(def).map((q) => [q.id, q]));
  const byOrg = new Map(answers.map((a) => [a.orgId, a.data]));
  const writes = new Map<string, CellWrite>();
  for (const r of layout.rows) {
    const data = byOrg.get(r.orgId);
    if (!data && !blankOthers) continue;
    for (const c of layout.columns) {
      const q = questions.get(c.questionId);
      const ref = `${c.col}${r.row}`;
      if (!q) continue;
      if (data) writes.set(ref, cellOfValue(q, c, data[q.id]));
      else if (blankOthers && !("blank" in cellOf(blankOthers, ref))) writes.set(ref, { blank: true });
    }
  }
  return writes;
}

/**
 * Refuses a target whose table is not the imported one: headers or organisation names moved,
 * formulas in answer cells, or answer cells typed by hand (different from the original and from
 * the answer about to be written).
 */
function checkTarget(original: Grid, target: Grid, file: string, layout: RowsLayout, writes: Map<string, CellWrite>) {
  const moved = templateIssues(target, layout, layout.rows);
  if (moved.length) throw templateChanged(file, moved);
  const issues: FieldIssue[] = [];
  for (const [ref, w] of writes) {
    const cell = target.cells.get(ref);
    if (cell?.formula) issues.push({ path: at(target.sheet, ref), message: `${ref} に数式（${cell.formula}）があります` });
    else if (!sameCell(cellOf(target, ref), cellOf(original, ref)) && !sameCell(cellOf(target, ref), w))
      issues.push({
        path: at(target.sheet, ref),
        message: `${ref} に手で入力された値「${String(cell?.value ?? "")}」があります`,
      });
  }
  if (issues.length)
    throw refused(
      `「${file}」の照合表には、回答を書き込む欄に数式や手入力の値があるため書き込めません（${issues[0]!.message}${issues.length > 1 ? ` ほか${issues.length - 1}か所` : ""}）。元の様式を使うか、それらの欄を空にしてください。`,
      issues,
    );
}

/** Writes into `target` (the original itself when null), after checking it; the original's parsed parts are not changed. */
async function writeInto(
  original: Grid,
  target: { bytes: Uint8Array; file: string } | null,
  layout: RowsLayout,
  writes: Map<string, CellWrite>,
) {
  const into = target ? await readGrid(target.bytes, target.file, layout) : original;
  checkTarget(original, into, target?.file ?? "original.xlsx", layout, writes);
  if (!into.pkg) throw refused("書き込み先は XLSX ファイルにしてください。", [{ path: "file", message: "XLSX ではありません" }]);
  const pkg = { parts: new Map(into.pkg.parts) };
  writeCells(pkg, layout.part, writes);
  recalcOnOpen(pkg);
  return savePackage(pkg);
}

/** The collation workbook with every given answer written; `target` is a copy of it the secretariat edited, if any. */
export async function collationHere(
  originalBytes: Uint8Array,
  target: { bytes: Uint8Array; file: string } | null,
  layout: WorkbookLayout,
  def: Definition,
  answers: OrgAnswer[],
): Promise<Uint8Array> {
  if (isSheetsLayout(layout)) return sheetsCollation(originalBytes, target, layout, def, answers);
  const original = await readGrid(originalBytes, "original.xlsx", layout);
  const writes = plan(layout, def, answers, null);
  return writeInto(original, target, layout, writes);
}

/** One organisation's copy: its own row pre-filled with its answer, every other row's answer cells empty. */
export async function orgCopyHere(originalBytes: Uint8Array, layout: WorkbookLayout, def: Definition, answer: OrgAnswer) {
  if (isSheetsLayout(layout)) return sheetsOrgCopy(originalBytes, layout, def, answer);
  const original = await readGrid(originalBytes, "original.xlsx", layout);
  return writeInto(original, null, layout, plan(layout, def, [answer], original));
}

/**
 * A ZIP of one filled workbook per organisation (for a ministry that wants files per body).
 * @public Called by name in the file worker (`runInWorker` in service.ts), which no import shows.
 */
export async function orgCopiesZipHere(
  originalBytes: Uint8Array,
  layout: WorkbookLayout,
  def: Definition,
  answers: (OrgAnswer & { fileName: string })[],
): Promise<Uint8Array> {
  const sheets = isSheetsLayout(layout) ? layout : null;
  const original = sheets
    ? await openPackage(originalBytes, "original.xlsx")
    : await readGrid(originalBytes, "original.xlsx", layout as RowsLayout);
  const zip = new yazl.ZipFile();
  for (const a of answers) {
    const bytes =
      "parts" in original
        ? await sheetsOrgCopy(original, sheets!, def, a)
        : await writeInto(original, null, layout as RowsLayout, plan(layout as RowsLayout, def, [a], original));
    zip.addBuffer(bytes, a.fileName, { compress: false });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
