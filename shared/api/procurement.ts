import { z } from "zod";
import { isoDate } from "./common.js";

/** Joint procurement (共同調達) and cost sharing (費用按分). Money is integer yen throughout. */

export const projectKinds = ["rpa", "ai_ocr", "line", "cloud", "other"] as const;
export type ProjectKind = (typeof projectKinds)[number];
export const projectKindLabels: Record<ProjectKind, { ja: string; en: string }> = {
  rpa: { ja: "RPA", en: "RPA" },
  ai_ocr: { ja: "AI-OCR", en: "AI-OCR" },
  line: { ja: "回線", en: "Network line" },
  cloud: { ja: "クラウド", en: "Cloud" },
  other: { ja: "その他", en: "Other" },
};
export const phaseStatuses = ["planned", "in_progress", "done"] as const;
export const phaseStatusLabels: Record<(typeof phaseStatuses)[number], { ja: string; en: string }> = {
  planned: { ja: "未着手", en: "Planned" },
  in_progress: { ja: "実施中", en: "In progress" },
  done: { ja: "完了", en: "Done" },
};
/** The phases a new project starts with. */
export const defaultPhases = ["要望調査", "仕様検討", "入札", "契約", "運用"];
export const roundings = ["down", "half_up"] as const;
export const roundingLabels: Record<(typeof roundings)[number], { ja: string; en: string }> = {
  down: { ja: "円未満切捨て", en: "Round down to the yen" },
  half_up: { ja: "円未満四捨五入", en: "Round half up to the yen" },
};
export const remainderRules = ["prefecture", "largest", "fraction"] as const;
export const remainderLabels: Record<(typeof remainderRules)[number], { ja: string; en: string }> = {
  prefecture: { ja: "端数は県が負担", en: "Remainder to the prefecture" },
  largest: { ja: "端数は負担額が最も大きい団体で調整", en: "Remainder to the largest share" },
  fraction: { ja: "端数は円未満の大きい団体から1円ずつ配分", en: "Remainder by largest fractional part" },
};
export const usageSources = ["entered", "xlsx", "progress", "survey"] as const;
export const usageSourceLabels: Record<(typeof usageSources)[number], { ja: string; en: string }> = {
  entered: { ja: "入力", en: "Entered" },
  xlsx: { ja: "Excelから取込", en: "Imported from Excel" },
  progress: { ja: "取組状況の指標から", en: "From a progress metric" },
  survey: { ja: "照会の回答から", en: "From a survey answer" },
};

const fiscalYear = z
  .number({ error: "年度を入力してください" })
  .int()
  .min(2000, "年度が正しくありません")
  .max(2100, "年度が正しくありません");
const percent = z
  .string({ error: "割合を入力してください" })
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, "割合は0〜100の数で、小数第2位までで入力してください");
/** Yen: a whole number, at most 1兆円. */
const MAX_YEN = 1_000_000_000_000;
const yen = z
  .number({ error: "金額を数字で入力してください" })
  .int("金額は円単位の整数で入力してください")
  .min(0, "金額は0円以上で入力してください")
  .max(MAX_YEN, "金額は1兆円以下で入力してください");

export const projectInput = z
  .object({
    name: z.string().trim().min(1, "事業名を入力してください").max(200, "事業名は200文字以内にしてください"),
    programme: z.string().trim().max(200, "事業区分は200文字以内にしてください").default("RPA等共同利用"),
    /** Omitted: the RPA等共同利用WG. */
    bodyId: z.uuid({ error: "会議体を選んでください" }).optional(),
    kind: z.enum(projectKinds, { error: "種別を選んでください" }),
    fiscalYearFrom: fiscalYear,
    fiscalYearTo: fiscalYear,
    vendor: z.string().trim().max(200, "事業者名は200文字以内にしてください").default(""),
    documentsUrl: z
      .string()
      .trim()
      .max(500)
      .regex(/^\/[^/]/, "資料の場所はこのシステム内のリンク（/documents/… など）を入力してください")
      .nullable()
      .default(null),
    tableOpen: z.boolean().default(false),
  })
  .refine((p) => p.fiscalYearTo >= p.fiscalYearFrom, { path: ["fiscalYearTo"], error: "終了年度は開始年度以降にしてください" });
export const projectPatch = z
  .object({
    name: z.string().trim().min(1, "事業名を入力してください").max(200),
    programme: z.string().trim().max(200),
    kind: z.enum(projectKinds),
    fiscalYearFrom: fiscalYear,
    fiscalYearTo: fiscalYear,
    vendor: z.string().trim().max(200),
    documentsUrl: z
      .string()
      .trim()
      .max(500)
      .regex(/^\/[^/]/, "資料の場所はこのシステム内のリンクを入力してください")
      .nullable(),
    tableOpen: z.boolean(),
  })
  .partial();

export const participantsInput = z.object({
  participants: z
    .array(
      z.object({
        orgId: z.uuid({ error: "団体を選んでください" }),
        joinDate: isoDate,
        leaveDate: isoDate.nullable().default(null),
      }),
    )
    .max(2000),
});
export const phasesInput = z.object({
  phases: z
    .array(
      z.object({
        name: z.string().trim().min(1, "段階の名前を入力してください").max(100),
        startDate: isoDate.nullable().default(null),
        endDate: isoDate.nullable().default(null),
        status: z.enum(phaseStatuses).default("planned"),
      }),
    )
    .max(30),
});
export const meetingsInput = z.object({ meetingIds: z.array(z.uuid()).max(100) });

const scenarioRule = z.object({
  equalPercent: percent,
  populationPercent: percent,
  usagePercent: percent,
  rounding: z.enum(roundings).default("down"),
  remainder: z.enum(remainderRules).default("fraction"),
  populationSource: z.string().trim().max(100).default("令和2年国勢調査"),
  populationDate: isoDate.default("2020-10-01"),
  usageLabel: z.string().trim().max(100).default(""),
  usageSource: z.enum(usageSources).default("entered"),
});
export type ScenarioRule = z.infer<typeof scenarioRule>;
const participantInput = z.object({
  /** Usage figure (up to three decimals), as typed. */
  usage: z
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,3})?$/, "利用量は0以上の数で、小数第3位までで入力してください")
    .nullable()
    .default(null),
  min: yen.nullable().default(null),
  max: yen.nullable().default(null),
});
export const scenarioInputs = z.record(z.uuid(), participantInput);
export const scenarioInput = z.object({
  fiscalYear,
  name: z.string().trim().min(1, "案の名前を入力してください").max(100, "案の名前は100文字以内にしてください"),
  total: yen,
  rule: scenarioRule,
  inputs: scenarioInputs.default({}),
});
export const scenarioPatch = z
  .object({ name: scenarioInput.shape.name, total: yen, rule: scenarioRule, inputs: scenarioInputs })
  .partial();
/** 利用割 usage taken from a progress metric's values of one fiscal year. */
export const usageFromProgressInput = z.object({ metricId: z.uuid({ error: "指標を選んでください" }), fiscalYear });
/** 利用割 usage taken from a survey's number question (submitted answers). */
export const usageFromSurveyInput = z.object({
  surveyId: z.uuid({ error: "照会を選んでください" }),
  questionId: z.string().trim().min(1, "設問を選んでください").max(40),
});
export const correctionInput = z.object({
  reason: z.string().trim().min(1, "訂正の理由を入力してください").max(2000, "理由は2,000文字以内にしてください"),
});
export const compareQuery = z.object({ a: z.uuid(), b: z.uuid() });
export const summaryQuery = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100).optional() });

// ---------------------------------------------------------------- responses

const orgRef = z.object({ id: z.string(), name: z.string(), lgCode: z.string().nullable() });
const participantView = z.object({
  id: z.string(),
  org: orgRef,
  isPrefecture: z.boolean(),
  joinDate: z.string(),
  leaveDate: z.string().nullable(),
  population: z.number().nullable(),
});
const phaseView = z.object({
  name: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  status: z.enum(phaseStatuses),
});
export const scenarioSummary = z.object({
  id: z.string(),
  fiscalYear: z.number(),
  name: z.string(),
  version: z.number(),
  status: z.enum(["draft", "frozen"]),
  /** Frozen and not replaced by a later frozen correction: the agreed allocation of its year. */
  agreed: z.boolean(),
  total: z.number(),
  supersedesId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  frozenAt: z.string().nullable(),
  frozenBy: z.string().nullable(),
});
const projectSummary = z.object({
  id: z.string(),
  name: z.string(),
  programme: z.string(),
  kind: z.enum(projectKinds),
  body: z.object({ id: z.string(), name: z.string() }),
  fiscalYearFrom: z.number(),
  fiscalYearTo: z.number(),
  vendor: z.string(),
  participantCount: z.number(),
  updatedAt: z.string(),
});
export const projectList = z.object({
  items: z.array(projectSummary),
  abilities: z.object({ canCreate: z.boolean() }),
});
export const projectDetail = projectSummary.extend({
  documentsUrl: z.string().nullable(),
  tableOpen: z.boolean(),
  participants: z.array(participantView),
  phases: z.array(phaseView),
  meetings: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string() })),
  scenarios: z.array(scenarioSummary),
  abilities: z.object({ canEdit: z.boolean(), canSeeTable: z.boolean() }),
});
export type ProjectDetail = z.infer<typeof projectDetail>;

const allocationRow = z.object({
  org: orgRef,
  isPrefecture: z.boolean(),
  months: z.number(),
  population: z.number().nullable(),
  usage: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  equal: z.number(),
  populationPart: z.number(),
  usagePart: z.number(),
  /** The exact share before rounding, to four decimals (for the record). */
  exact: z.string(),
  adjustment: z.number(),
  bound: z.enum(["min", "max"]).nullable(),
  amount: z.number(),
});
export type AllocationRow = z.infer<typeof allocationRow>;
const allocationProblem = z.object({ path: z.string(), message: z.string() });
export const scenarioDetail = scenarioSummary.extend({
  project: z.object({ id: z.string(), name: z.string() }),
  rule: scenarioRule,
  inputs: scenarioInputs,
  /** "all": the whole table; "own": only the actor's organisation's row (the rule and total still shown). */
  view: z.enum(["all", "own"]),
  rows: z.array(allocationRow),
  /** Why the allocation cannot be computed yet (a draft with missing figures); empty when it can. */
  problems: z.array(allocationProblem),
  abilities: z.object({ canEdit: z.boolean(), canFreeze: z.boolean(), canCorrect: z.boolean() }),
});
export type ScenarioDetail = z.infer<typeof scenarioDetail>;
export const comparison = z.object({
  a: scenarioSummary,
  b: scenarioSummary,
  rows: z.array(z.object({ org: orgRef, a: z.number().nullable(), b: z.number().nullable(), difference: z.number() })),
});
export const summaryResponse = z.object({
  fiscalYears: z.array(z.number()),
  projects: z.array(z.object({ id: z.string(), name: z.string(), fiscalYear: z.number(), scenarioId: z.string() })),
  rows: z.array(z.object({ org: orgRef, byYear: z.record(z.string(), z.number()), byProject: z.record(z.string(), z.number()) })),
});
