import type { Aggregate, CellAggregate } from "../../../shared/api/surveys.js";
import type { GridColumn, Question } from "../../../shared/surveys/definition.js";
import { type AnswerData, type GridValue, isEmptyValue, type MultipleChoiceValue } from "../../../shared/surveys/rules.js";

/** Aggregates of one question over many answers: counts for choices, sum/mean/min/max for numbers. Pure. */
const pct = (count: number, n: number) => (n ? Math.round((count / n) * 1000) / 10 : 0);

function choiceAggregate(options: { id: string; label: string }[], values: unknown[], multiple: boolean): CellAggregate {
  const counts = new Map(options.map((o) => [o.id, 0]));
  const otherTexts: string[] = [];
  let other = 0;
  let n = 0;
  for (const v of values) {
    if (isEmptyValue(v)) continue;
    n++;
    const picked = multiple ? ((v as MultipleChoiceValue).choices ?? []) : typeof v === "string" ? [v] : [];
    for (const id of picked) counts.set(id, (counts.get(id) ?? 0) + 1);
    const otherText = multiple
      ? (v as MultipleChoiceValue).other
      : typeof v === "object"
        ? (v as { other?: string }).other
        : null;
    if (otherText) {
      other++;
      if (otherTexts.length < 50) otherTexts.push(otherText);
    }
  }
  const rows = options.map((o) => ({
    id: o.id,
    label: o.label,
    count: counts.get(o.id) ?? 0,
    percent: pct(counts.get(o.id) ?? 0, n),
  }));
  if (other) rows.push({ id: "__other__", label: "その他", count: other, percent: pct(other, n) });
  return { type: "choice", n, options: rows, otherTexts };
}

function numberAggregate(values: unknown[], unit: string): CellAggregate {
  const nums = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (!nums.length) return { type: "number", n: 0, sum: null, mean: null, min: null, max: null, unit, bins: [] };
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const x of nums) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    type: "number",
    n: nums.length,
    sum: round(sum),
    mean: round(sum / nums.length),
    min,
    max,
    unit,
    bins: bins(nums, min, max),
  };
}

/** Up to ten equal-width bins, for the histogram. */
function bins(nums: number[], min: number, max: number) {
  if (min === max) return [{ from: min, to: max, count: nums.length }];
  const k = Math.min(10, new Set(nums).size);
  const width = (max - min) / k;
  const out = Array.from({ length: k }, (_, i) => ({ from: min + i * width, to: min + (i + 1) * width, count: 0 }));
  for (const x of nums) out[Math.min(k - 1, Math.floor((x - min) / width))]!.count++;
  return out.map((b) => ({ ...b, from: Math.round(b.from * 100) / 100, to: Math.round(b.to * 100) / 100 }));
}

function dateAggregate(values: unknown[]): CellAggregate {
  const dates = values.filter((v): v is string => typeof v === "string" && v.length === 10).sort();
  const months = new Map<string, number>();
  for (const d of dates) months.set(d.slice(0, 7), (months.get(d.slice(0, 7)) ?? 0) + 1);
  return {
    type: "date",
    n: dates.length,
    earliest: dates[0] ?? null,
    latest: dates.at(-1) ?? null,
    byMonth: [...months].map(([month, count]) => ({ month, count })),
  };
}

const yesNo = [
  { id: "true", label: "はい" },
  { id: "false", label: "いいえ" },
];

function cellAggregate(q: Question | GridColumn, values: unknown[]): CellAggregate {
  switch (q.kind) {
    case "single_choice":
      return choiceAggregate(q.options, values, false);
    case "multiple_choice":
      return choiceAggregate(q.options, values, true);
    case "yes_no":
      return choiceAggregate(
        yesNo,
        values.map((v) => (typeof v === "boolean" ? String(v) : null)),
        false,
      );
    case "number":
      return numberAggregate(values, q.unit);
    case "date":
      return dateAggregate(values);
    default: {
      const texts = values.filter((v) => !isEmptyValue(v));
      return {
        type: "text",
        n: texts.length,
        samples: texts.slice(0, 20).map((v) => (Array.isArray(v) ? `${v.length}件` : String(v))),
      };
    }
  }
}

export function aggregateQuestion(q: Question, answers: AnswerData[]): Aggregate {
  if (q.kind !== "grid")
    return cellAggregate(
      q,
      answers.map((a) => a[q.id]),
    );
  const grids = answers.map((a) => a[q.id] as GridValue | undefined).filter((g) => !isEmptyValue(g)) as GridValue[];
  return {
    type: "grid",
    n: grids.length,
    columns: q.columns.map((c) => ({ id: c.id, label: c.label, kind: c.kind })),
    rows: q.rows.map((r) => ({
      id: r.id,
      label: r.label,
      cells: Object.fromEntries(
        q.columns.map((c) => [
          c.id,
          cellAggregate(
            c,
            grids.map((g) => g[r.id]?.[c.id]),
          ),
        ]),
      ),
    })),
  };
}

/** Does an answer match the results filter (question `qid` answered `v`)? */
export function answerMatches(q: Question, value: unknown, v: string): boolean {
  if (isEmptyValue(value)) return false;
  if (q.kind === "multiple_choice") return (value as MultipleChoiceValue).choices?.includes(v) ?? false;
  if (q.kind === "single_choice" && typeof value === "object") return v === "__other__";
  return String(value) === v;
}
