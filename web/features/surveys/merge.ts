import type { Definition } from "../../../shared/surveys/definition.js";
import { allQuestions } from "../../../shared/surveys/definition.js";
import type { AnswerData, GridValue } from "../../../shared/surveys/rules.js";
import { sameValue } from "./format.js";

/** One place where both people changed the same thing differently: the person chooses. */
export interface MergeConflict {
  /** "q1", or "grid.row.col" for a grid cell. */
  key: string;
  questionId: string;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult {
  merged: AnswerData;
  conflicts: MergeConflict[];
  /** Keys the other person changed and that were taken as theirs. */
  takenFromThem: string[];
}

function mergeValue(key: string, questionId: string, base: unknown, mine: unknown, theirs: unknown, out: MergeResult): unknown {
  if (sameValue(mine, base)) {
    if (!sameValue(theirs, base)) out.takenFromThem.push(key);
    return theirs;
  }
  if (sameValue(theirs, base) || sameValue(mine, theirs)) return mine;
  out.conflicts.push({ key, questionId, mine, theirs });
  return mine;
}

/**
 * A three-way merge of an answer: what I started from (base), what I typed (mine) and what is on
 * the server now (theirs). Questions — and each cell of a grid — changed by one side only are merged
 * without asking; the others are conflicts, kept as mine until the person chooses. Nothing is lost.
 */
export function mergeAnswers(def: Definition, base: AnswerData, mine: AnswerData, theirs: AnswerData): MergeResult {
  const out: MergeResult = { merged: {}, conflicts: [], takenFromThem: [] };
  const grids = new Set(
    allQuestions(def)
      .filter((q) => q.kind === "grid")
      .map((q) => q.id),
  );
  const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const k of keys) {
    if (!grids.has(k)) {
      const v = mergeValue(k, k, base[k], mine[k], theirs[k], out);
      if (v !== undefined) out.merged[k] = v;
      continue;
    }
    const [b, m, t] = [base[k], mine[k], theirs[k]].map((g) => (g ?? {}) as GridValue) as [GridValue, GridValue, GridValue];
    const grid: GridValue = {};
    for (const row of new Set([...Object.keys(b), ...Object.keys(m), ...Object.keys(t)])) {
      const cols = new Set([...Object.keys(b[row] ?? {}), ...Object.keys(m[row] ?? {}), ...Object.keys(t[row] ?? {})]);
      for (const col of cols) {
        const v = mergeValue(`${k}.${row}.${col}`, k, b[row]?.[col], m[row]?.[col], t[row]?.[col], out);
        if (v !== undefined) grid[row] = { ...grid[row], [col]: v };
      }
    }
    out.merged[k] = grid;
  }
  return out;
}

/** Applies the person's choices ("mine" or "theirs" per conflict key) to a merge. */
export function resolve(def: Definition, result: MergeResult, choices: Record<string, "mine" | "theirs">): AnswerData {
  const data: AnswerData = structuredClone(result.merged);
  const grids = new Set(
    allQuestions(def)
      .filter((q) => q.kind === "grid")
      .map((q) => q.id),
  );
  for (const c of result.conflicts) {
    const v = choices[c.key] === "theirs" ? c.theirs : c.mine;
    if (!grids.has(c.questionId)) data[c.key] = v;
    else {
      const [, row, col] = c.key.split(".") as [string, string, string];
      const grid = (data[c.questionId] ?? {}) as GridValue;
      grid[row] = { ...grid[row], [col]: v };
      data[c.questionId] = grid;
    }
  }
  return data;
}
