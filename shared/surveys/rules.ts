import type { FieldIssue } from "../errors.js";
import { allQuestions, type Condition, type Definition, type GridColumn, type Question } from "./definition.js";

/**
 * Answer rules shared by the server (authoritative) and the answer form (messages next to the field).
 * An answer is a JSON object { [questionId]: value }; a grid's value is { [rowId]: { [columnId]: cell } }.
 */
export type AnswerData = Record<string, unknown>;
export type SingleChoiceValue = string | { other: string };
export interface MultipleChoiceValue {
  choices: string[];
  other?: string | null;
}
export type GridValue = Record<string, Record<string, unknown>>;

/** `shape`: impossible values (wrong type, a choice not offered) — refused even in a draft.
 *  `problems`: values a person must fix before submitting (range, required, length). */
export interface AnswerCheck {
  shape: FieldIssue[];
  problems: FieldIssue[];
}

export const isEmptyValue = (v: unknown): boolean => {
  if (v === null || v === undefined || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("choices" in o) return (!Array.isArray(o.choices) || o.choices.length === 0) && !o.other;
    if ("other" in o) return !o.other;
    return Object.values(o).every(isEmptyValue);
  }
  return false;
};

function matches(q: Question | undefined, c: Condition, v: unknown): boolean {
  if (c.op === "answered") return !isEmptyValue(v);
  if (isEmptyValue(v)) return false;
  if (c.op === "includes") {
    const m = v as MultipleChoiceValue;
    return Array.isArray(m.choices) && m.choices.includes(String(c.value));
  }
  let equal: boolean;
  if (q?.kind === "yes_no") equal = v === (c.value === true || c.value === "true");
  else if (q?.kind === "single_choice" && typeof v === "object") equal = c.value === "__other__";
  else if (q?.kind === "multiple_choice") equal = (v as MultipleChoiceValue).choices?.includes(String(c.value)) ?? false;
  else equal = String(v) === String(c.value);
  return c.op === "equals" ? equal : !equal;
}

/** The questions shown for this answer: a question is hidden when its condition fails or its condition's question is hidden. */
export function shownQuestionIds(def: Definition, data: AnswerData): Set<string> {
  const shown = new Set<string>();
  const byId = new Map<string, Question>();
  for (const q of allQuestions(def)) {
    byId.set(q.id, q);
    const c = q.showIf;
    if (!c || (shown.has(c.questionId) && matches(byId.get(c.questionId), c, data[c.questionId]))) shown.add(q.id);
  }
  return shown;
}

/** The answer keeping only shown questions with a value (what is submitted and aggregated). */
export function cleanAnswers(def: Definition, data: AnswerData): AnswerData {
  const shown = shownQuestionIds(def, data);
  const out: AnswerData = {};
  for (const q of allQuestions(def)) if (shown.has(q.id) && !isEmptyValue(data[q.id])) out[q.id] = data[q.id];
  return out;
}

const numberProblem = (
  title: string,
  rules: { min: number | null; max: number | null; decimals: number; unit: string },
  n: number,
): string | null => {
  const unit = rules.unit ?? "";
  if (rules.min != null && n < rules.min) return rangeMessage(title, rules, unit);
  if (rules.max != null && n > rules.max) return rangeMessage(title, rules, unit);
  const decimals = (String(n).split(".")[1] ?? "").length;
  if (decimals > rules.decimals)
    return rules.decimals === 0
      ? `「${title}」は整数で入力してください`
      : `「${title}」は小数点以下${rules.decimals}桁までで入力してください`;
  return null;
};
const rangeMessage = (title: string, r: { min: number | null; max: number | null }, unit: string) => {
  if (r.min != null && r.max != null) return `「${title}」は${r.min}${unit}以上${r.max}${unit}以下で入力してください`;
  if (r.min != null) return `「${title}」は${r.min}${unit}以上で入力してください`;
  return `「${title}」は${r.max}${unit}以下で入力してください`;
};

const isDate = (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

type ScalarIssue = { shape: string } | { problem: string } | null;
const notOffered = (title: string) => ({ shape: `「${title}」の選択肢にない値です。選択肢から選んでください` });

/** The issue of one value (a question or a grid cell of the same kinds), or null. */
function scalarIssue(q: Question | GridColumn, title: string, v: unknown, opts: { fileIds?: Set<string> }): ScalarIssue {
  switch (q.kind) {
    case "short_text":
    case "long_text":
      if (typeof v !== "string") return { shape: `「${title}」には文字を入力してください` };
      if (v.length > q.maxLength)
        return { problem: `「${title}」は${q.maxLength}文字以内で入力してください（現在${v.length}文字）` };
      return null;
    case "number": {
      if (typeof v !== "number" || !Number.isFinite(v)) return { shape: `「${title}」には数値を入力してください` };
      const p = numberProblem(title, q, v);
      return p ? { problem: p } : null;
    }
    case "single_choice": {
      if (typeof v === "string") return q.options.some((o) => o.id === v) ? null : notOffered(title);
      const other = (v as { other?: unknown })?.other;
      return "allowOther" in q && q.allowOther && typeof other === "string" ? null : notOffered(title);
    }
    case "multiple_choice": {
      const m = v as MultipleChoiceValue;
      if (!m || !Array.isArray(m.choices) || m.choices.some((c) => typeof c !== "string"))
        return { shape: `「${title}」の回答の形式が正しくありません` };
      if (m.choices.some((c) => !q.options.some((o) => o.id === c))) return notOffered(title);
      if (m.other != null && (typeof m.other !== "string" || !q.allowOther))
        return { shape: `「${title}」には「その他」がありません` };
      const count = m.choices.length + (m.other ? 1 : 0);
      return q.maxSelections != null && count > q.maxSelections
        ? { problem: `「${title}」は${q.maxSelections}個まで選んでください` }
        : null;
    }
    case "date":
      return isDate(v) ? null : { shape: `「${title}」は日付（YYYY-MM-DD）で入力してください` };
    case "yes_no":
      return typeof v === "boolean" ? null : { shape: `「${title}」は「はい」か「いいえ」を選んでください` };
    case "file":
      if (!Array.isArray(v) || v.some((id) => typeof id !== "string"))
        return { shape: `「${title}」のファイルの指定が正しくありません` };
      if (opts.fileIds && v.some((id) => !opts.fileIds!.has(id)))
        return { shape: `「${title}」のファイルが見つかりません。もう一度アップロードしてください` };
      return v.length > q.maxFiles ? { problem: `「${title}」に添付できるファイルは${q.maxFiles}個までです` } : null;
    default:
      return null;
  }
}

function checkScalar(
  q: Question | GridColumn,
  title: string,
  v: unknown,
  path: string,
  out: AnswerCheck,
  opts: { fileIds?: Set<string> },
) {
  const issue = scalarIssue(q, title, v, opts);
  if (issue && "shape" in issue) out.shape.push({ path, message: issue.shape });
  else if (issue) out.problems.push({ path, message: issue.problem });
}

function checkGrid(
  q: Extract<Question, { kind: "grid" }>,
  v: unknown,
  submit: boolean,
  out: AnswerCheck,
  opts: { fileIds?: Set<string> },
) {
  const base = `answers.${q.id}`;
  if (v != null && (typeof v !== "object" || Array.isArray(v))) {
    out.shape.push({ path: base, message: `「${q.title}」の表の形式が正しくありません` });
    return;
  }
  const grid = (v ?? {}) as GridValue;
  for (const rowId of Object.keys(grid)) {
    const row = q.rows.find((r) => r.id === rowId);
    if (!row) {
      out.shape.push({ path: `${base}.${rowId}`, message: `「${q.title}」にない行です` });
      continue;
    }
    for (const [colId, cell] of Object.entries(grid[rowId] ?? {})) {
      const col = q.columns.find((c) => c.id === colId);
      if (!col) out.shape.push({ path: `${base}.${rowId}.${colId}`, message: `「${q.title}」にない列です` });
      else if (!isEmptyValue(cell)) checkScalar(col, `${row.label}・${col.label}`, cell, `${base}.${rowId}.${colId}`, out, opts);
    }
  }
  if (!submit) return;
  if (q.required && isEmptyValue(grid))
    out.problems.push({ path: base, message: `「${q.title}」は必須です。表に入力してください` });
  for (const row of q.rows)
    for (const col of q.columns)
      if (col.required && isEmptyValue(grid[row.id]?.[col.id]))
        out.problems.push({
          path: `${base}.${row.id}.${col.id}`,
          message: `「${row.label}」の「${col.label}」を入力してください`,
        });
}

/**
 * Checks an answer against its survey. `submit` adds the required checks of the shown questions.
 * `fileIds`: the files this organisation uploaded for the survey (a file question may only point to those).
 */
export function checkAnswers(
  def: Definition,
  data: AnswerData,
  opts: { submit?: boolean; fileIds?: Set<string> } = {},
): AnswerCheck {
  const out: AnswerCheck = { shape: [], problems: [] };
  const questions = allQuestions(def);
  const known = new Set(questions.map((q) => q.id));
  for (const k of Object.keys(data))
    if (!known.has(k)) out.shape.push({ path: `answers.${k}`, message: "この照会にない設問です" });
  const shown = shownQuestionIds(def, data);
  for (const q of questions) {
    const v = data[q.id];
    if (q.kind === "grid") {
      if (shown.has(q.id)) checkGrid(q, v, !!opts.submit, out, opts);
      continue;
    }
    if (!isEmptyValue(v)) checkScalar(q, q.title, v, `answers.${q.id}`, out, opts);
    else if (opts.submit && q.required && shown.has(q.id))
      out.problems.push({ path: `answers.${q.id}`, message: `「${q.title}」は必須です。回答を入力してください` });
  }
  return out;
}
