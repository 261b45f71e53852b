import { z } from "zod";

/**
 * The shape of a survey (照会): sections of typed questions, the grid being the Excel-style
 * table of fixed rows and typed columns. Stored as one JSON document per survey; ids are short
 * keys chosen by the builder so answers stay readable ("q1", "systems").
 */
export const questionKinds = [
  "short_text",
  "long_text",
  "number",
  "single_choice",
  "multiple_choice",
  "date",
  "yes_no",
  "file",
  "grid",
] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const questionKindLabels: Record<QuestionKind, { ja: string; en: string }> = {
  short_text: { ja: "短い文章", en: "Short text" },
  long_text: { ja: "長い文章", en: "Long text" },
  number: { ja: "数値", en: "Number" },
  single_choice: { ja: "単一選択", en: "Single choice" },
  multiple_choice: { ja: "複数選択", en: "Multiple choice" },
  date: { ja: "日付", en: "Date" },
  yes_no: { ja: "はい・いいえ", en: "Yes / no" },
  file: { ja: "ファイル", en: "File upload" },
  grid: { ja: "表（グリッド）", en: "Grid" },
};

export const key = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { error: "IDは半角英数字・_・- の40文字以内にしてください" });
const label = z.string().trim().min(1, "ラベルを入力してください").max(200, "200文字以内にしてください");

const choiceOption = z.object({ id: key, label });
export type ChoiceOption = z.infer<typeof choiceOption>;

/** Show a question only when an earlier answer matches. */
const condition = z.object({
  questionId: key,
  op: z.enum(["equals", "notEquals", "includes", "answered"]),
  value: z.union([z.string(), z.boolean(), z.number()]).nullable().optional(),
});
export type Condition = z.infer<typeof condition>;

const numberRules = {
  unit: z.string().trim().max(20).default(""),
  min: z.number().nullable().default(null),
  max: z.number().nullable().default(null),
  decimals: z.number().int().min(0).max(6).default(0),
};

const common = {
  id: key,
  title: z.string().trim().min(1, "設問文を入力してください").max(500, "500文字以内にしてください"),
  help: z.string().max(2000).default(""),
  required: z.boolean().default(false),
  showIf: condition.nullable().default(null),
};

const columnCommon = { id: key, label, required: z.boolean().default(false) };
const gridColumn = z.discriminatedUnion("kind", [
  z.object({ ...columnCommon, kind: z.literal("short_text"), maxLength: z.number().int().min(1).max(2000).default(200) }),
  z.object({ ...columnCommon, kind: z.literal("number"), ...numberRules }),
  z.object({
    ...columnCommon,
    kind: z.literal("single_choice"),
    options: z.array(choiceOption).min(1, "選択肢を1つ以上作ってください").max(50),
  }),
  z.object({ ...columnCommon, kind: z.literal("date") }),
  z.object({ ...columnCommon, kind: z.literal("yes_no") }),
]);
export type GridColumn = z.infer<typeof gridColumn>;
export const gridColumnKinds = ["short_text", "number", "single_choice", "date", "yes_no"] as const;

const question = z.discriminatedUnion("kind", [
  z.object({ ...common, kind: z.literal("short_text"), maxLength: z.number().int().min(1).max(2000).default(200) }),
  z.object({ ...common, kind: z.literal("long_text"), maxLength: z.number().int().min(1).max(20000).default(5000) }),
  z.object({ ...common, kind: z.literal("number"), ...numberRules }),
  z.object({
    ...common,
    kind: z.literal("single_choice"),
    options: z.array(choiceOption).min(1, "選択肢を1つ以上作ってください").max(100),
    allowOther: z.boolean().default(false),
  }),
  z.object({
    ...common,
    kind: z.literal("multiple_choice"),
    options: z.array(choiceOption).min(1, "選択肢を1つ以上作ってください").max(100),
    allowOther: z.boolean().default(false),
    maxSelections: z.number().int().min(1).nullable().default(null),
  }),
  z.object({ ...common, kind: z.literal("date") }),
  z.object({ ...common, kind: z.literal("yes_no") }),
  z.object({ ...common, kind: z.literal("file"), maxFiles: z.number().int().min(1).max(10).default(1) }),
  z.object({
    ...common,
    kind: z.literal("grid"),
    rows: z.array(choiceOption).min(1, "行を1つ以上作ってください").max(300),
    columns: z.array(gridColumn).min(1, "列を1つ以上作ってください").max(40),
  }),
]);
export type Question = z.infer<typeof question>;
export type QuestionInput = z.input<typeof question>;
export type GridQuestion = Extract<Question, { kind: "grid" }>;

const section = z.object({
  id: key,
  title: z.string().trim().max(200).default(""),
  description: z.string().max(5000).default(""),
  questions: z.array(question).max(500),
});
export type Section = z.infer<typeof section>;

export const definition = z.object({ sections: z.array(section).max(50) }).superRefine((def, ctx) => {
  for (const issue of definitionIssues(def)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});
export type Definition = z.infer<typeof definition>;
export type DefinitionInput = z.input<typeof definition>;

export const emptyDefinition = (): Definition => ({ sections: [{ id: "s1", title: "", description: "", questions: [] }] });

export const allQuestions = (def: Definition): Question[] => def.sections.flatMap((s) => s.questions);

/** Ids unique, ranges sane, and conditions pointing to an earlier question of a kind they can test. */
function definitionIssues(def: Definition): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const seen = new Map<string, Question>();
  const sectionIds = new Set<string>();
  def.sections.forEach((s, si) => {
    if (sectionIds.has(s.id)) out.push({ path: ["sections", si, "id"], message: `セクションID「${s.id}」が重複しています` });
    sectionIds.add(s.id);
    s.questions.forEach((q, qi) => {
      const at = ["sections", si, "questions", qi];
      if (seen.has(q.id)) out.push({ path: [...at, "id"], message: `設問ID「${q.id}」が重複しています` });
      if ("min" in q && q.min != null && q.max != null && q.min > q.max)
        out.push({ path: [...at, "max"], message: "最大値は最小値以上にしてください" });
      if ("options" in q && hasDuplicates(q.options.map((o) => o.id)))
        out.push({ path: [...at, "options"], message: "選択肢のIDが重複しています" });
      if (q.kind === "grid") {
        if (hasDuplicates(q.rows.map((r) => r.id))) out.push({ path: [...at, "rows"], message: "行のIDが重複しています" });
        if (hasDuplicates(q.columns.map((c) => c.id))) out.push({ path: [...at, "columns"], message: "列のIDが重複しています" });
        q.columns.forEach((c, ci) => {
          if (c.kind === "number" && c.min != null && c.max != null && c.min > c.max)
            out.push({ path: [...at, "columns", ci, "max"], message: "最大値は最小値以上にしてください" });
        });
      }
      if (q.showIf) {
        const target = seen.get(q.showIf.questionId);
        if (!target) out.push({ path: [...at, "showIf"], message: "表示条件には、この設問より前の設問を選んでください" });
        else if (target.kind === "grid" || target.kind === "file")
          out.push({ path: [...at, "showIf"], message: "表やファイルの設問は表示条件に使えません" });
      }
      seen.set(q.id, q);
    });
  });
  return out;
}

const hasDuplicates = (ids: string[]) => new Set(ids).size !== ids.length;
