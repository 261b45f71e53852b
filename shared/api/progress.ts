import { z } from "zod";
import { looseNumber } from "../numbers.js";
import { isoDate } from "./common.js";
import { pageQuery } from "./paging.js";

/** Progress (取組状況): programmes → items → steps or metrics, kept per municipality. */

export const stepStatuses = ["not_started", "in_progress", "done", "not_applicable"] as const;
export type StepStatusCode = (typeof stepStatuses)[number];
export const stepStatusLabels: Record<StepStatusCode, { ja: string; en: string }> = {
  not_started: { ja: "未着手", en: "Not started" },
  in_progress: { ja: "着手", en: "In progress" },
  done: { ja: "完了", en: "Done" },
  not_applicable: { ja: "対象外", en: "Not applicable" },
};
export const trackings = ["steps", "metrics"] as const;
export const trackingLabels: Record<(typeof trackings)[number], { ja: string; en: string }> = {
  steps: { ja: "ステップ", en: "Steps" },
  metrics: { ja: "指標（年度ごとの数値）", en: "Metrics (per fiscal year)" },
};
export const historySources = ["manual", "import", "survey", "definition", "seed", "system"] as const;
export const historySourceLabels: Record<(typeof historySources)[number], { ja: string; en: string }> = {
  manual: { ja: "画面で更新", en: "Edited" },
  import: { ja: "一括取込", en: "Imported" },
  survey: { ja: "照会回答", en: "Survey answer" },
  definition: { ja: "定義の変更", en: "Definition changed" },
  seed: { ja: "初期データ", en: "Initial data" },
  system: { ja: "システム", en: "System" },
};

const code = z
  .string()
  .trim()
  .min(1, "コードを入力してください")
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, "コードは半角英数字と - _ . で入力してください");
const name = z.string().trim().min(1, "名称を入力してください").max(200);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const programmeInput = z.object({
  code,
  name,
  nameEn: optText(200),
  description: z.string().max(5000).default(""),
  deadline: isoDate.nullable().optional(),
  exceptionLabel: optText(100),
  lagThreshold: z.number().int().min(0).max(100).default(20),
  sortOrder: z.number().int().default(0),
  /** The body that owns the programme (its space shows the programme's progress); null for council-wide. */
  bodyId: z.uuid({ error: "会議体を選んでください" }).nullable().optional(),
});
export const programmePatch = programmeInput
  .extend({ description: z.string().max(5000), lagThreshold: z.number().int().min(0).max(100), sortOrder: z.number().int() })
  .partial()
  .extend({ archived: z.boolean().optional() });

export const itemInput = z.object({
  code,
  name,
  nameEn: optText(200),
  group: optText(100),
  tracking: z.enum(trackings, { error: "記録の方法を選んでください" }),
  deadline: isoDate.nullable().optional(),
  sortOrder: z.number().int().default(0),
  /** An online procedure: one of the national target procedures (counted in the national completion figure). */
  nationalTarget: z.boolean({ error: "国の対象手続かどうかを選んでください" }).optional(),
  /** Copy the steps and metrics of another item (e.g. the 12 national steps). */
  copyFromItemId: z.uuid().optional(),
});
export const itemPatch = itemInput
  .omit({ copyFromItemId: true, tracking: true })
  .partial()
  // No default in a patch: an edit that leaves the order out keeps it (the input's default 0 would reset it).
  .extend({ sortOrder: z.number().int().optional(), archived: z.boolean().optional() });

export const stepInput = z.object({
  code,
  name,
  nameEn: optText(200),
  phase: optText(100),
  options: z.array(z.string().trim().min(1).max(100)).max(20).nullable().optional(),
  sortOrder: z.number().int().optional(),
});
export const stepPatch = stepInput.partial().extend({ archived: z.boolean().optional() });
export const metricInput = z.object({
  code,
  name,
  nameEn: optText(200),
  unit: z.string().trim().max(20).default(""),
  targetDefault: looseNumber(
    z.number({ error: "目標は数値で入力してください" }).min(0, "目標は0以上の数値にしてください").nullable(),
  ).optional(),
  sortOrder: z.number().int().optional(),
});
export const metricPatch = metricInput.partial().extend({ archived: z.boolean().optional() });

const step = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  phase: z.string().nullable(),
  options: z.array(z.string()).nullable(),
  sortOrder: z.number(),
  archived: z.boolean(),
});
const metric = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  unit: z.string(),
  targetDefault: z.number().nullable(),
  sortOrder: z.number(),
  archived: z.boolean(),
});
export const item = z.object({
  id: z.string(),
  programmeId: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  group: z.string().nullable(),
  tracking: z.enum(trackings),
  deadline: z.string().nullable(),
  /** Counted by the national online-procedure definition when the item is an online procedure. */
  nationalTarget: z.boolean(),
  sortOrder: z.number(),
  archived: z.boolean(),
  steps: z.array(step),
  metrics: z.array(metric),
});
export type ProgressItem = z.infer<typeof item>;
export const programme = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  description: z.string(),
  deadline: z.string().nullable(),
  exceptionLabel: z.string().nullable(),
  lagThreshold: z.number(),
  sortOrder: z.number(),
  archived: z.boolean(),
  bodyId: z.string().nullable(),
  itemCount: z.number(),
  abilities: z.object({ canManage: z.boolean() }),
});
export type Programme = z.infer<typeof programme>;
export const programmeDetail = programme.extend({ items: z.array(item) });

/** The edit form's body: only what changes (see ProgressUpdate on the server). */
export const recordUpdate = z.object({
  steps: z
    .array(
      z.object({
        stepId: z.uuid(),
        status: z.enum(stepStatuses, { error: "状況は 未着手・着手・完了・対象外 から選んでください" }).optional(),
        plannedDate: isoDate.nullable().optional(),
        actualDate: isoDate.nullable().optional(),
        option: z.string().trim().max(100).nullable().optional(),
      }),
    )
    .max(500)
    .optional(),
  metrics: z
    .array(
      z.object({
        metricId: z.uuid(),
        fiscalYear: z.number().int().min(2000).max(2100),
        value: looseNumber(
          z.number({ error: "数値を入力してください" }).min(0, "0以上の数値を入力してください").nullable(),
        ).optional(),
        target: looseNumber(
          z.number({ error: "数値を入力してください" }).min(0, "0以上の数値を入力してください").nullable(),
        ).optional(),
      }),
    )
    .max(500)
    .optional(),
  exception: z.object({ flagged: z.boolean(), reason: optText(2000), revisedTarget: isoDate.nullable().optional() }).optional(),
  note: optText(2000),
  evidenceFileId: z.uuid().nullable().optional(),
  expectedVersion: z.number().int().optional(),
});
export type RecordUpdate = z.infer<typeof recordUpdate>;

const person = z.object({ id: z.string(), name: z.string(), orgName: z.string().nullable() }).nullable();
const historyChange = z.object({
  target: z.enum(["step", "metric", "record", "created"]),
  label: z.string(),
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export const historyEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: person,
  source: z.enum(historySources),
  note: z.string().nullable(),
  evidence: z.object({ id: z.string(), name: z.string(), size: z.number() }).nullable(),
  pct: z.number().nullable(),
  pctBefore: z.number().nullable().optional(),
  changes: z.array(historyChange),
  org: z.object({ id: z.string(), name: z.string() }).optional(),
  item: z.object({ id: z.string(), name: z.string(), programmeName: z.string() }).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const record = z.object({
  id: z.string().nullable(),
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  programme: z.object({
    id: z.string(),
    name: z.string(),
    exceptionLabel: z.string().nullable(),
    deadline: z.string().nullable(),
  }),
  item: item,
  asOf: z.string().nullable(),
  pct: z.number().nullable(),
  done: z.number(),
  inProgress: z.number(),
  applicable: z.number(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  metricFy: z.number().nullable(),
  exception: z.object({ flagged: z.boolean(), reason: z.string().nullable(), revisedTarget: z.string().nullable() }),
  steps: z.array(
    z.object({
      stepId: z.string(),
      status: z.enum(stepStatuses),
      plannedDate: z.string().nullable(),
      actualDate: z.string().nullable(),
      option: z.string().nullable(),
    }),
  ),
  metrics: z.array(
    z.object({ metricId: z.string(), fiscalYear: z.number(), value: z.number().nullable(), target: z.number().nullable() }),
  ),
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: person,
  abilities: z.object({ canEdit: z.boolean() }),
});
export type ProgressRecord = z.infer<typeof record>;

export const recordParams = z.object({
  orgId: z.uuid({ error: "団体IDの形式が正しくありません" }),
  itemId: z.uuid({ error: "項目IDの形式が正しくありません" }),
});
export const asOfQuery = z.object({ asOf: isoDate.optional() });
export const historyQuery = pageQuery;
