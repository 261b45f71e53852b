import type { GridColumn, Question } from "./definition.js";
import { isEmptyValue, type MultipleChoiceValue } from "./rules.js";

/**
 * Answer values as a person reads them (tables, CSV, XLSX). Numbers stay numbers for spreadsheets;
 * everything else becomes text. `fileNames` maps stored file ids to their names.
 */
export type Cell = string | number | null;

export function cellOf(q: Question | GridColumn, v: unknown, fileNames?: Map<string, string>): Cell {
  if (isEmptyValue(v)) return null;
  switch (q.kind) {
    case "number":
      return typeof v === "number" ? v : null;
    case "yes_no":
      return v === true ? "はい" : v === false ? "いいえ" : null;
    case "single_choice": {
      if (typeof v === "string") return q.options.find((o) => o.id === v)?.label ?? v;
      return `その他：${(v as { other?: string }).other ?? ""}`;
    }
    case "multiple_choice": {
      const m = v as MultipleChoiceValue;
      const labels = (m.choices ?? []).map((c) => q.options.find((o) => o.id === c)?.label ?? c);
      if (m.other) labels.push(`その他：${m.other}`);
      return labels.join("、");
    }
    case "file":
      return (v as string[]).map((id) => fileNames?.get(id) ?? id).join("、");
    case "grid":
      return null;
    default:
      return String(v);
  }
}

export const textOf = (q: Question | GridColumn, v: unknown, fileNames?: Map<string, string>): string => {
  const c = cellOf(q, v, fileNames);
  if (c == null) return "";
  return typeof c === "number" && "unit" in q && q.unit ? `${c}${q.unit}` : String(c);
};

/** A header with its unit: 「職員数（人）」. */
export const headerOf = (title: string, q: { kind: string; unit?: string }) =>
  q.kind === "number" && q.unit ? `${title}（${q.unit}）` : title;
