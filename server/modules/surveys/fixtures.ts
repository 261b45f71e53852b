import fs from "node:fs";
import { parseCsv } from "../../../shared/csv.js";
import type { DefinitionInput, QuestionInput } from "../../../shared/surveys/definition.js";

/** The 20 standardised business systems, from the demo's reference data. */
function standardSystems(): { id: string; label: string }[] {
  const csv = fs.readFileSync(new URL("../demo/data/standard-business-systems.csv", import.meta.url), "utf8");
  return parseCsv(csv)
    .slice(1)
    .map(([no, name]) => ({ id: `sys${no}`, label: name! }));
}

/** The grid of business systems with a status and a target date (the benchmark adds a column). */
export function systemsGrid(): Extract<QuestionInput, { kind: "grid" }> {
  return {
    id: "grid",
    kind: "grid",
    title: "標準準拠システムへの移行状況",
    rows: standardSystems(),
    columns: [
      {
        id: "status",
        kind: "single_choice",
        label: "状況",
        required: true,
        options: [
          { id: "done", label: "完了" },
          { id: "doing", label: "作業中" },
          { id: "todo", label: "未着手" },
        ],
      },
      { id: "target", kind: "date", label: "移行予定日" },
    ],
  };
}

/**
 * 「標準化の移行状況に関する照会」: the shape of a typical Excel 照会 — a few typed questions,
 * a condition, a file, and the grid of business systems with a status and a target date.
 * Used by the tests, the browser story and the benchmark (one fixture for all).
 */
export function standardisationDefinition(): DefinitionInput {
  return {
    sections: [
      {
        id: "basic",
        title: "基本情報",
        questions: [
          { id: "dept", kind: "short_text", title: "担当課", required: true },
          { id: "staff", kind: "number", title: "担当職員数", unit: "人", min: 0, max: 100, required: true },
          { id: "budget", kind: "number", title: "移行経費（見込み）", unit: "千円", min: 0, decimals: 0 },
          {
            id: "method",
            kind: "single_choice",
            title: "移行の方式",
            required: true,
            allowOther: true,
            options: [
              { id: "single", label: "単独で調達" },
              { id: "joint", label: "共同で調達" },
              { id: "undecided", label: "未定" },
            ],
          },
          {
            id: "issues",
            kind: "multiple_choice",
            title: "課題（複数選択可）",
            allowOther: true,
            options: [
              { id: "vendor", label: "ベンダーの対応" },
              { id: "cost", label: "経費の増加" },
              { id: "staff", label: "職員の不足" },
            ],
          },
          { id: "hard", kind: "yes_no", title: "特定移行支援システムの該当", required: true },
          {
            id: "hardDetail",
            kind: "long_text",
            title: "該当するシステムと理由",
            required: true,
            showIf: { questionId: "hard", op: "equals", value: true },
          },
          { id: "plan", kind: "file", title: "移行計画書（任意）", maxFiles: 2 },
        ],
      },
      {
        id: "systems",
        title: "業務ごとの状況",
        questions: [systemsGrid()],
      },
    ],
  };
}

/** A complete, valid answer of that survey (status per system cycling done / doing / todo). */
export function sampleAnswer(overrides: Record<string, unknown> = {}) {
  const statuses = ["done", "doing", "todo"];
  const grid = Object.fromEntries(
    standardSystems().map((s, i) => [s.id, { status: statuses[i % 3], target: i % 3 === 0 ? "2025-12-01" : "2026-03-31" }]),
  );
  return {
    dept: "総務課",
    staff: 3,
    budget: 12000,
    method: "joint",
    issues: { choices: ["cost"] },
    hard: false,
    grid,
    ...overrides,
  };
}
