import type { SheetsLayout, WorkbookField } from "../../../../shared/api/relay.js";
import type { FieldIssue } from "../../../../shared/errors.js";
import type { Question } from "../../../../shared/surveys/definition.js";
import { AppError } from "../../../platform/errors.js";
import { cellRef, colLetters, rangeOf } from "../../../platform/files/xlsx-package.js";
import type { SheetInfo } from "../../../platform/files/xlsx-sheets.js";
import { type Detection, norm, type OrgKey, orgMatcher, typeColumn, viewOf } from "./detect.js";

/**
 * The other layout ministries use: one input sheet per municipality, named after it (「下関市」
 * 「宇部市」…), each a copy of one form. The questions come from the form's labelled input cells:
 * an empty cell with a border or a drop-down, right of its label (merged group labels to the left
 * join the title, a short word right of it is the unit), typed as a table column is (detect.ts).
 * Every municipality's sheet must carry the same labels at the same cells. Pure: runs in a worker.
 */
const isLabel = (v: unknown) => typeof v === "string" && v.trim() !== "" && !/^[\d.\s()（）]+$/.test(v);

/** The sheets named after organisations (at least two different ones), in tab order. */
export function orgSheets(sheets: SheetInfo[], orgs: OrgKey[]) {
  const match = orgMatcher(orgs);
  const found: { sheet: SheetInfo; org: OrgKey }[] = [];
  for (const sheet of sheets) {
    const org = match(sheet.name);
    if (org && !found.some((f) => f.org.id === org.id)) found.push({ sheet, org });
  }
  return found.length >= 2 ? found : [];
}

/** The labelled input cells of a form-style sheet, and the label cells that name them. */
function formFields(sheet: SheetInfo) {
  const at = viewOf(sheet);
  const merges = sheet.merges.map(rangeOf);
  const mergeAt = (row: number, col: number) => merges.find((r) => r.r1 <= row && row <= r.r2 && r.c1 <= col && col <= r.c2);
  const validated = (row: number, col: number) =>
    sheet.validations.some((v) =>
      v.sqref.some((s) => {
        const r = rangeOf(s);
        return r.r1 <= row && row <= r.r2 && r.c1 <= col && col <= r.c2;
      }),
    );
  const own = new Map(sheet.cells.map((c) => [`${c.row}:${c.col}`, c]));
  const candidates = new Set<string>();
  for (const c of sheet.cells) candidates.add(`${c.row}:${c.col}`);
  for (const v of sheet.validations)
    for (const s of v.sqref) {
      const r = rangeOf(s);
      if ((r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1) <= 200)
        for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) candidates.add(`${row}:${col}`);
    }
  const fields: { row: number; col: number; title: string; labels: { ref: string; text: string }[] }[] = [];
  for (const key of candidates) {
    const [row, col] = key.split(":").map(Number) as [number, number];
    const cell = own.get(key);
    if (col < 2 || (cell && (cell.formula || (cell.value !== null && cell.value !== "")))) continue;
    const m = mergeAt(row, col);
    if (m && (m.r1 !== row || m.c1 !== col)) continue; // inside a merged cell: its top-left is the one
    if (!cell && !validated(row, col)) continue;
    // Its label directly to the left (a merged label reaches it), and group labels further left.
    if (!isLabel(at(row, col - 1)?.value)) continue;
    const labels: { ref: string; text: string }[] = [];
    for (let c = 1; c < col; c++) {
      const lm = mergeAt(row, c);
      const ref = lm ? cellRef(lm.c1, lm.r1) : cellRef(c, row);
      const v = at(row, c)?.value;
      if (isLabel(v) && !labels.some((l) => l.ref === ref)) labels.push({ ref, text: String(v).trim() });
    }
    const right = at(row, (m?.c2 ?? col) + 1)?.value;
    const unit = isLabel(right) && String(right).trim().length <= 4 ? String(right).trim() : "";
    const title = labels.map((l) => l.text).join(" ");
    fields.push({ row, col, title: unit && !title.endsWith(`（${unit}）`) ? `${title}（${unit}）` : title, labels });
  }
  return fields.sort((a, b) => a.row - b.row || a.col - b.col);
}

export function detectSheets(
  sheets: SheetInfo[],
  found: { sheet: SheetInfo; org: OrgKey }[],
  file: string,
  date1904: boolean,
): Detection {
  const template = found[0]!.sheet;
  const raw = formFields(template);
  if (!raw.length)
    throw new AppError(
      "VALIDATION_FAILED",
      `「${file}」は団体ごとのシート（${found
        .slice(0, 3)
        .map((f) => `「${f.sheet.name}」`)
        .join(
          "",
        )}など）でできていますが、シート「${template.name}」に回答を入力する欄が見つかりませんでした（見出しの文字のすぐ右にある、罫線付きの空欄か入力規則のあるセルを探しました）。`,
      { file, sheet: template.name, lookedFor: "見出しの右の入力欄" },
    );
  const questions: Question[] = [];
  const fields: WorkbookField[] = [];
  for (const f of raw) {
    const ref = cellRef(f.col, f.row);
    const typed = typeColumn(template, f.col, [f.row], f.title, `cell_${ref}`);
    const { col: _col, ...rest } = typed.col;
    questions.push(typed.q);
    fields.push({ ...rest, ref });
  }
  const labelCells = [...new Map(raw.flatMap((f) => f.labels).map((l) => [l.ref, l])).values()];
  // Every municipality's sheet is the same form: its labels at the same cells.
  const issues: FieldIssue[] = [];
  for (const { sheet } of found.slice(1)) {
    const at = new Map(sheet.cells.map((c) => [c.ref, c.value]));
    for (const l of labelCells)
      if (norm(at.get(l.ref)) !== norm(l.text))
        issues.push({
          path: `${sheet.name}!${l.ref}`,
          message: `${l.ref} が「${l.text}」ではなく「${String(at.get(l.ref) ?? "")}」です`,
        });
  }
  if (issues.length)
    throw new AppError(
      "VALIDATION_FAILED",
      `団体ごとのシートの様式がそろっていません（${issues[0]!.path}：${issues[0]!.message}）。シート「${template.name}」と同じ位置に同じ見出しがあるよう、国の様式を確かめてください。`,
      { file, issues: issues.slice(0, 50) },
    );
  const layout: SheetsLayout = {
    kind: "sheets",
    template: template.name,
    labelCells,
    fields,
    sheets: found.map((f) => ({ sheet: f.sheet.name, part: f.sheet.part, orgId: f.org.id })),
    date1904,
  };
  const mine = new Set(found.map((f) => f.sheet));
  const rows = raw.map((f) => f.row);
  const cols = raw.map((f) => f.col);
  return {
    layout,
    questions,
    otherSheets: sheets.filter((s) => !mine.has(s)).map((s) => ({ name: s.name, hidden: s.hidden })),
    range: `${colLetters(Math.min(...cols))}${Math.min(...rows)}:${colLetters(Math.max(...cols))}${Math.max(...rows)}`,
  };
}
