import { describe, expect, it } from "vitest";
import { type DefinitionInput, definition } from "./definition.js";
import { checkAnswers, cleanAnswers, shownQuestionIds } from "./rules.js";

const def = definition.parse({
  sections: [
    {
      id: "s",
      questions: [
        { id: "uses", kind: "yes_no", title: "RPAを導入していますか", required: true },
        {
          id: "tools",
          kind: "multiple_choice",
          title: "製品",
          options: [{ id: "a", label: "A" }],
          allowOther: true,
          showIf: { questionId: "uses", op: "equals", value: true },
        },
        {
          id: "why",
          kind: "long_text",
          title: "その他の理由",
          required: true,
          showIf: { questionId: "tools", op: "includes", value: "a" },
        },
        { id: "n", kind: "number", title: "件数", unit: "件", min: 0, max: 10, decimals: 1 },
        { id: "d", kind: "date", title: "日付" },
      ],
    },
  ],
} satisfies DefinitionInput);

describe("answer rules", () => {
  it("shows a question only when its condition holds, in a chain", () => {
    expect([...shownQuestionIds(def, { uses: false })]).toEqual(["uses", "n", "d"]);
    expect([...shownQuestionIds(def, { uses: true, tools: { choices: ["a"] } })]).toContain("why");
    // "why" depends on "tools", which is hidden when uses = false.
    expect(shownQuestionIds(def, { uses: false, tools: { choices: ["a"] } }).has("why")).toBe(false);
  });

  it("separates impossible values (refused in drafts) from problems (refused at submission)", () => {
    const r = checkAnswers(def, { uses: "yes", n: 10.25, d: "2025-13-45", tools: { choices: ["b"] } }, { submit: true });
    expect(r.shape.map((i) => i.path).sort()).toEqual(["answers.d", "answers.uses", "answers.tools"].sort());
    expect(r.problems).toEqual([{ path: "answers.n", message: "「件数」は0件以上10件以下で入力してください" }]);
    expect(checkAnswers(def, { n: 1.25 }).problems[0]!.message).toBe("「件数」は小数点以下1桁までで入力してください");
    expect(checkAnswers(def, {}, { submit: true }).problems).toEqual([
      { path: "answers.uses", message: "「RPAを導入していますか」は必須です。回答を入力してください" },
    ]);
    expect(checkAnswers(def, { tools: { choices: [], other: "自作" } }).shape).toEqual([]);
  });

  it("drops hidden and empty answers on submission", () => {
    expect(cleanAnswers(def, { uses: false, tools: { choices: ["a"] }, why: "x", n: null, d: "2025-04-01" })).toEqual({
      uses: false,
      d: "2025-04-01",
    });
  });
});
