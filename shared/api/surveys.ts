import { z } from "zod";
import { looseNumber } from "../numbers.js";
import { definition } from "../surveys/definition.js";
import { isoDate, isoDateTime } from "./common.js";
import { pageQuery } from "./paging.js";

/** Contracts of the surveys (照会) module: builder, distribution, answers, tracking, results. */
const surveyStatuses = ["draft", "published", "closed"] as const;
/** What a person sees: a published survey is "scheduled" before its opening date and "overdue" after its deadline. */
export const surveyPhases = ["draft", "scheduled", "open", "overdue", "closed"] as const;
const targetModes = ["all", "orgs", "body"] as const;
export const answerStatuses = ["not_started", "draft", "submitted", "returned"] as const;
export type AnswerStatus = (typeof answerStatuses)[number];

export const answerStatusLabels: Record<AnswerStatus, { ja: string; en: string }> = {
  not_started: { ja: "未着手", en: "Not started" },
  draft: { ja: "下書き", en: "Draft" },
  submitted: { ja: "提出済み", en: "Submitted" },
  returned: { ja: "差戻し", en: "Returned" },
};
export const phaseLabels: Record<(typeof surveyPhases)[number], { ja: string; en: string }> = {
  draft: { ja: "作成中", en: "Draft" },
  scheduled: { ja: "公開予定", en: "Scheduled" },
  open: { ja: "回答受付中", en: "Open" },
  overdue: { ja: "期限経過", en: "Past deadline" },
  closed: { ja: "締切済み", en: "Closed" },
};

/** Every field optional: create requires only a title; the service fills the defaults. */
const surveyFields = z.object({
  title: z.string().trim().min(1, "件名を入力してください").max(200, "件名は200文字以内にしてください"),
  description: z.string().max(20000, "説明は20,000文字以内にしてください"),
  definition,
  targetMode: z.enum(targetModes, { error: "回答を求める団体の範囲を選んでください" }),
  targetOrgIds: z.array(z.uuid()).max(5000),
  targetBodyId: z.uuid().nullable(),
  opensOn: isoDate.nullable(),
  deadlineAt: isoDateTime.nullable(),
  allowEditAfterSubmit: z.boolean(),
  resultsVisibility: z.enum(["staff", "shared"]),
  remindDaysBefore: looseNumber(
    z
      .number({ error: "日数を数値で入力してください" })
      .int("日数は整数で入力してください")
      .min(0, "0以上にしてください")
      .max(20, "20営業日以内にしてください")
      .nullable(),
  ),
  remindOnDay: z.boolean(),
});
export const surveyCreate = surveyFields.partial().required({ title: true });
export const surveyPatch = surveyFields.partial();
export type SurveyPatch = z.infer<typeof surveyPatch>;

const who = z.object({ id: z.string(), name: z.string() }).nullable();
export const fileRef = z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() });

const myAnswerSummary = z.object({
  status: z.enum(answerStatuses),
  updatedAt: z.string().nullable(),
  deadlineAt: z.string().nullable(),
});

const surveyAbilities = z.object({
  canEdit: z.boolean(),
  canEditQuestions: z.boolean(),
  canPublish: z.boolean(),
  canClose: z.boolean(),
  canReopen: z.boolean(),
  canDelete: z.boolean(),
  canCopy: z.boolean(),
  canTrack: z.boolean(),
  canViewResults: z.boolean(),
  canAnswer: z.boolean(),
  canMapProgress: z.boolean(),
});

const surveySummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(surveyStatuses),
  phase: z.enum(surveyPhases),
  opensOn: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  targetCount: z.number(),
  submittedCount: z.number().nullable(),
  myAnswer: myAnswerSummary.nullable(),
  updatedAt: z.string(),
  abilities: surveyAbilities,
});
export type SurveySummary = z.infer<typeof surveySummary>;
export const surveyList = z.object({ items: z.array(surveySummary), total: z.number(), canCreate: z.boolean() });

export const survey = surveySummary.extend({
  description: z.string(),
  definition: z.unknown(),
  targetMode: z.enum(targetModes),
  targetOrgIds: z.array(z.string()),
  targetBodyId: z.string().nullable(),
  /** The deadline's date in Japan, and why it is not a business day (null when it is one). */
  deadlineDate: z.string().nullable(),
  deadlineWarning: z.string().nullable(),
  allowEditAfterSubmit: z.boolean(),
  resultsVisibility: z.enum(["staff", "shared"]),
  remindDaysBefore: z.number().nullable(),
  remindOnDay: z.boolean(),
  attachments: z.array(fileRef),
  copiedFrom: z.string().nullable(),
  createdBy: who,
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type Survey = z.infer<typeof survey>;

export const surveyListQuery = z.object({
  status: z.enum(surveyStatuses).optional(),
  q: z.string().max(100).optional(),
});

export const orgParams = z.object({
  id: z.uuid({ error: "IDの形式が正しくありません" }),
  orgId: z.uuid({ error: "IDの形式が正しくありません" }),
});
export const fileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

export const answerInput = z.object({
  /** The version the editor started from; 0 when there was no answer yet. */
  version: z.number().int().min(0),
  data: z.record(z.string(), z.unknown()),
});
export type AnswerInput = z.infer<typeof answerInput>;

export const fieldIssue = z.object({ path: z.string(), message: z.string() });

export const answer = z.object({
  surveyId: z.string(),
  org: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(answerStatuses),
  data: z.record(z.string(), z.unknown()),
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: who,
  submittedAt: z.string().nullable(),
  submittedBy: who,
  returnComment: z.string().nullable(),
  returnedAt: z.string().nullable(),
  /** The deadline that applies to this organisation (its extension when it has one). */
  deadlineAt: z.string().nullable(),
  extendedUntil: z.string().nullable(),
  files: z.array(fileRef),
  /** What must be fixed before submitting (saved drafts keep them). */
  issues: z.array(fieldIssue),
  /** Why the answer cannot be changed now, in Japanese; null when it can. */
  lockReason: z.string().nullable(),
  abilities: z.object({ canEdit: z.boolean(), canSubmit: z.boolean() }),
});
export type Answer = z.infer<typeof answer>;

const boardRow = z.object({
  org: z.object({ id: z.string(), name: z.string(), lgCode: z.string().nullable(), kind: z.string() }),
  status: z.enum(answerStatuses),
  lastActivityAt: z.string().nullable(),
  updatedBy: who,
  submittedAt: z.string().nullable(),
  submittedBy: who,
  returnComment: z.string().nullable(),
  extendedUntil: z.string().nullable(),
  lastRemindedAt: z.string().nullable(),
  late: z.boolean(),
  /** 確認済: when and by whom the secretariat checked the submitted answer. */
  checkedAt: z.string().nullable(),
  checkedBy: who,
});
export type BoardRow = z.infer<typeof boardRow>;
export const board = z.object({
  items: z.array(boardRow),
  counts: z.record(z.enum(answerStatuses), z.number()),
  deadlineAt: z.string().nullable(),
});

export const remindInput = z.object({ orgIds: z.array(z.uuid()).max(5000).optional() });
export const returnInput = z.object({
  comment: z.string().trim().min(1, "差戻しの理由を入力してください").max(2000, "2,000文字以内にしてください"),
});
export const extensionInput = z.object({ until: isoDateTime });

export const resultsQuery = z.object({
  include: z.enum(["submitted", "all"]).default("submitted"),
  orgKind: z.enum(["city", "town", "village", "prefecture", "other"]).optional(),
  /** Filter to the organisations whose answer to question `q` matches `v` (an option id, はい/いいえ as true/false, or text). */
  q: z.string().max(40).optional(),
  v: z.string().max(200).optional(),
});
export const tableQuery = resultsQuery.extend(pageQuery.shape);
export const exportQuery = resultsQuery.extend({ encoding: z.enum(["utf8", "sjis"]).default("utf8") });

const countRow = z.object({ id: z.string(), label: z.string(), count: z.number(), percent: z.number() });
const choiceAgg = z.object({
  type: z.literal("choice"),
  n: z.number(),
  options: z.array(countRow),
  otherTexts: z.array(z.string()),
});
const numberAgg = z.object({
  type: z.literal("number"),
  n: z.number(),
  sum: z.number().nullable(),
  mean: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string(),
  bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
});
const dateAgg = z.object({
  type: z.literal("date"),
  n: z.number(),
  earliest: z.string().nullable(),
  latest: z.string().nullable(),
  byMonth: z.array(z.object({ month: z.string(), count: z.number() })),
});
const textAgg = z.object({ type: z.literal("text"), n: z.number(), samples: z.array(z.string()) });
const cellAggregate = z.discriminatedUnion("type", [choiceAgg, numberAgg, dateAgg, textAgg]);
export type CellAggregate = z.infer<typeof cellAggregate>;
const gridAgg = z.object({
  type: z.literal("grid"),
  n: z.number(),
  columns: z.array(z.object({ id: z.string(), label: z.string(), kind: z.string() })),
  rows: z.array(z.object({ id: z.string(), label: z.string(), cells: z.record(z.string(), cellAggregate) })),
});
const aggregate = z.discriminatedUnion("type", [choiceAgg, numberAgg, dateAgg, textAgg, gridAgg]);
export type Aggregate = z.infer<typeof aggregate>;

export const results = z.object({
  targets: z.number(),
  respondents: z.number(),
  questions: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), section: z.string(), aggregate })),
});
export type Results = z.infer<typeof results>;

export const answerTable = z.object({
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(
    z.object({
      org: z.object({ id: z.string(), name: z.string(), lgCode: z.string().nullable() }),
      status: z.enum(answerStatuses),
      submittedAt: z.string().nullable(),
      cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    }),
  ),
  total: z.number(),
});
export type AnswerTable = z.infer<typeof answerTable>;
