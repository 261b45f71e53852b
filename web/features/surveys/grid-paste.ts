import { parseNumberInput } from "../../../shared/numbers.js";
import type { GridColumn, Question } from "../../../shared/surveys/definition.js";
import type { GridValue } from "../../../shared/surveys/rules.js";

type Grid = Extract<Question, { kind: "grid" }>;

/**
 * Cells of a block copied from Excel: rows end with a line break, cells are separated by tabs, and a cell
 * holding a tab, a line break or a quote is wrapped in double quotes (with "" for a quote).
 */
export function parseClipboardBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const s = text.replace(/\r\n?/g, "\n");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === "\t") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  // Excel ends the block with a line break; anything after the last one is a last row.
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Is this clipboard text a block (more than one cell) rather than a value for one cell? */
export const isBlock = (text: string) => /[\t\n\r]/.test(text.replace(/[\r\n]+$/, ""));

const yes = new Set(["はい", "有", "あり", "○", "〇", "yes", "y", "true", "1"]);
const no = new Set(["いいえ", "無", "なし", "×", "no", "n", "false", "0"]);

/** A pasted text as the column's value: numbers read as clerks type them, choices by their label, dates as YYYY-MM-DD. */
function cellValue(col: GridColumn, raw: string): unknown {
  const text = raw.trim();
  if (text === "") return null;
  switch (col.kind) {
    case "number": {
      const n = parseNumberInput(text);
      // Not a number: kept as typed, so the answer rules say what is wrong with it.
      return n === null || Number.isNaN(n) ? text : n;
    }
    case "yes_no": {
      const t = text.normalize("NFKC").toLowerCase();
      return yes.has(t) ? true : no.has(t) ? false : text;
    }
    case "single_choice":
      return col.options.find((o) => o.label === text || o.id === text)?.id ?? text;
    case "date": {
      const m = text.normalize("NFKC").match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/);
      return m ? `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}` : text;
    }
    default:
      return text;
  }
}

/** Writes a pasted block into the grid from a starting cell; what falls outside the grid is left out. */
export function pasteIntoGrid(q: Grid, grid: GridValue, rowIndex: number, colIndex: number, text: string) {
  const next: GridValue = { ...grid };
  let cells = 0;
  for (const [i, values] of parseClipboardBlock(text).entries()) {
    const row = q.rows[rowIndex + i];
    if (!row) break;
    const updated = { ...next[row.id] };
    for (const [j, raw] of values.entries()) {
      const col = q.columns[colIndex + j];
      if (!col) break;
      updated[col.id] = cellValue(col, raw);
      cells++;
    }
    next[row.id] = updated;
  }
  return { grid: next, cells };
}

/** Fill down (Excel's Ctrl+D over a column): each empty cell of the column takes the value above it. */
export function fillDown(q: Grid, grid: GridValue, colId: string) {
  const next: GridValue = { ...grid };
  let last: unknown = null;
  let filled = 0;
  for (const row of q.rows) {
    const v = next[row.id]?.[colId];
    if (v == null || v === "") {
      if (last != null) {
        next[row.id] = { ...next[row.id], [colId]: last };
        filled++;
      }
    } else last = v;
  }
  return { grid: next, filled };
}
