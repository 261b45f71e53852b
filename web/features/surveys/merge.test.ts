import { describe, expect, it } from "vitest";
import { definition } from "../../../shared/surveys/definition.js";
import { mergeAnswers, resolve } from "./merge.js";

const def = definition.parse({
  sections: [
    {
      id: "s",
      questions: [
        { id: "dept", kind: "short_text", title: "担当課" },
        { id: "staff", kind: "number", title: "職員数" },
        {
          id: "grid",
          kind: "grid",
          title: "表",
          rows: [
            { id: "r1", label: "住民記録" },
            { id: "r2", label: "税務" },
          ],
          columns: [{ id: "status", kind: "short_text", label: "状況" }],
        },
      ],
    },
  ],
});

describe("merging two clerks' edits of one answer", () => {
  it("takes each side's own changes without asking, cell by cell in a grid", () => {
    const base = { grid: {} };
    const mine = { staff: 3, grid: { r1: { status: "完了" } } };
    const theirs = { dept: "総務課", grid: { r2: { status: "作業中" } } };
    const r = mergeAnswers(def, base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged).toEqual({ dept: "総務課", staff: 3, grid: { r1: { status: "完了" }, r2: { status: "作業中" } } });
    expect(r.takenFromThem.sort()).toEqual(["dept", "grid.r2.status"]);
  });

  it("asks when both changed the same thing differently, keeping mine until told otherwise", () => {
    const r = mergeAnswers(def, { dept: "総務課" }, { dept: "企画課" }, { dept: "情報政策課" });
    expect(r.conflicts).toEqual([{ key: "dept", questionId: "dept", mine: "企画課", theirs: "情報政策課" }]);
    expect(resolve(def, r, {})).toEqual({ dept: "企画課" });
    expect(resolve(def, r, { dept: "theirs" })).toEqual({ dept: "情報政策課" });
    const g = mergeAnswers(def, {}, { grid: { r1: { status: "A" } } }, { grid: { r1: { status: "B" } } });
    expect(resolve(def, g, { "grid.r1.status": "theirs" })).toEqual({ grid: { r1: { status: "B" } } });
  });
});
