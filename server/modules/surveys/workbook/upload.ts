import { isSheetsLayout, type UploadPreview, type WorkbookLayout } from "../../../../shared/api/relay.js";
import type { FieldIssue } from "../../../../shared/errors.js";
import { allQuestions, type Definition } from "../../../../shared/surveys/definition.js";
import { type AnswerData, checkAnswers } from "../../../../shared/surveys/rules.js";
import { displayValue, readCellValue } from "./cells.js";
import { at, type Grid, readGrid, refused, templateChanged, templateIssues } from "./grid.js";
import { previewSheetUpload } from "./sheets-files.js";

/**
 * Reads a filled copy of the ministry's workbook sent back by one organisation: the template must
 * be unchanged, only its own row may be filled, answer cells hold values (no formulas), and each
 * value must read as its question's kind. The result is the answer it would make, with the
 * changes cell by cell (old → new); nothing is saved here. Pure: runs in a worker thread.
 */
export async function previewUploadHere(
  bytes: Uint8Array,
  file: string,
  layout: WorkbookLayout,
  def: Definition,
  orgId: string,
  current: { data: AnswerData; version: number },
): Promise<UploadPreview> {
  if (isSheetsLayout(layout)) return previewSheetUpload(bytes, file, layout, def, orgId, current);
  const g = await readGrid(bytes, file, layout);
  const mine = layout.rows.find((r) => r.orgId === orgId)!;
  const moved = templateIssues(g, layout, [mine]);
  if (moved.length) throw templateChanged(file, moved);
  const questions = new Map(allQuestions(def).map((q) => [q.id, q]));
  const columns = layout.columns.filter((c) => questions.has(c.questionId));
  // Another organisation's row filled in: the wrong copy, or someone else's answer.
  const others: FieldIssue[] = [];
  for (const r of layout.rows) {
    if (r.orgId === orgId) continue;
    for (const c of columns) {
      const cell = g.cells.get(`${c.col}${r.row}`);
      if (cell && cell.value !== null && cell.value !== "")
        others.push({ path: at(g.sheet, `${c.col}${r.row}`), message: `「${r.key}」の行（${r.row}行目）に入力があります` });
    }
  }
  if (others.length)
    throw refused(
      `「${file}」には、ほかの団体の行（${others[0]!.path} など）に入力があります。自団体（${mine.key}、${mine.row}行目）の行だけに入力したファイルを送ってください。`,
      others,
    );
  const fields = columns.map((c) => ({ ...c, ref: `${c.col}${mine.row}` }));
  return { file, row: mine.row, ...readAnswer(g, file, fields, def, current) };
}

/** The cells of one organisation's answer, each with the question it answers. */
export interface AnswerCell {
  ref: string;
  questionId: string;
  header: string;
  yes?: string;
  no?: string;
}

/**
 * The answer a grid's cells make: values only (no formulas), each read as its question's kind and
 * checked by the form's rules; refusals name sheet and cell. With the changes cell by cell.
 */
export function readAnswer(
  g: Grid,
  file: string,
  fields: AnswerCell[],
  def: Definition,
  current: { data: AnswerData; version: number },
): Omit<UploadPreview, "file" | "row"> {
  const questions = new Map(allQuestions(def).map((q) => [q.id, q]));
  const issues: FieldIssue[] = [];
  const data: AnswerData = { ...current.data };
  const refOf = new Map<string, string>();
  for (const c of fields) {
    const ref = c.ref;
    const q = questions.get(c.questionId);
    if (!q) continue;
    refOf.set(q.id, ref);
    const cell = g.cells.get(ref);
    if (cell?.formula) {
      issues.push({
        path: at(g.sheet, ref),
        message: `${ref}（${c.header}）に数式（${cell.formula}）があります。値だけを入力してください`,
      });
      continue;
    }
    const read = readCellValue(q, c, cell?.value ?? null, { dateCell: !!cell?.dateCell, date1904: g.date1904 });
    if ("error" in read) issues.push({ path: at(g.sheet, ref), message: `${ref}（${c.header}）：${read.error}` });
    else if (read.value === undefined) delete data[q.id];
    else data[q.id] = read.value;
  }
  // The same rules as the form (impossible values and ranges), named by cell.
  // (A missing required value is left to submission, as on the form; a value out of range is refused here.)
  const check = checkAnswers(def, data, { submit: true });
  for (const i of [...check.shape, ...check.problems]) {
    const qid = i.path.replace(/^answers\./, "").split(".")[0]!;
    const ref = refOf.get(qid);
    if (ref && data[qid] !== undefined) issues.push({ path: at(g.sheet, ref), message: `${ref}：${i.message}` });
  }
  if (issues.length)
    throw refused(
      `「${file}」の${issues.length}か所を直してから、もう一度アップロードしてください（${issues[0]!.message}）。`,
      issues,
    );
  const changes: UploadPreview["changes"] = [];
  let unchanged = 0;
  for (const c of fields) {
    const q = questions.get(c.questionId);
    if (!q) continue;
    const before = displayValue(q, c, current.data[q.id]);
    const after = displayValue(q, c, data[q.id]);
    if (before === after && JSON.stringify(current.data[q.id]) === JSON.stringify(data[q.id])) unchanged++;
    else changes.push({ ref: c.ref, questionId: q.id, title: q.title, before, after });
  }
  return { sheet: g.sheet, version: current.version, data, changes, unchanged };
}
