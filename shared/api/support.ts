import { z } from "zod";
import { isoDate } from "./common.js";

type Labels<T extends string> = Record<T, { ja: string; en: string }>;

export const engagementStatuses = ["planned", "active", "completed", "cancelled"] as const;
export const engagementStatusLabels: Labels<(typeof engagementStatuses)[number]> = {
  planned: { ja: "予定", en: "Planned" },
  active: { ja: "実施中", en: "Active" },
  completed: { ja: "終了", en: "Completed" },
  cancelled: { ja: "中止", en: "Cancelled" },
};
export const sessionModes = ["on_site", "online"] as const;
export const sessionModeLabels: Labels<(typeof sessionModes)[number]> = {
  on_site: { ja: "訪問", en: "On site" },
  online: { ja: "オンライン", en: "Online" },
};

const datesInOrder = (v: { startDate?: string | null; endDate?: string | null }) =>
  !v.startDate || !v.endDate || v.startDate <= v.endDate;
const endAfterStart = { path: ["endDate"], error: "終了日は開始日以降にしてください" };

const fields = {
  orgId: z.uuid({ error: "支援する団体を選んでください" }),
  theme: z.string().trim().min(1, "テーマを入力してください").max(200),
  goals: z.string().trim().max(5000),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  status: z.enum(engagementStatuses),
  outcome: z.string().trim().max(5000),
  specialistIds: z.array(z.uuid()).max(10),
  progressItemIds: z.array(z.uuid()).max(50),
};
export const engagementInput = z
  .object({
    ...fields,
    goals: fields.goals.default(""),
    endDate: fields.endDate.default(null),
    status: fields.status.default("planned"),
    outcome: fields.outcome.default(""),
    specialistIds: fields.specialistIds.default([]),
    progressItemIds: fields.progressItemIds.default([]),
  })
  .refine(datesInOrder, endAfterStart);
/** A patch has no defaults: a field left out stays as it is. */
const { orgId: _orgId, ...patchFields } = fields;
export const engagementPatch = z.object(patchFields).partial().refine(datesInOrder, endAfterStart);

export const nextStepInput = z.object({
  title: z.string().trim().min(1, "次にやることを入力してください").max(500),
  owner: z.string().trim().min(1, "担当を入力してください").max(100),
  dueDate: isoDate.nullable().default(null),
});
export const nextStepPatch = z.object({
  done: z.boolean().optional(),
  title: z.string().trim().min(1).max(500).optional(),
  dueDate: isoDate.nullable().optional(),
});
export const sessionInput = z.object({
  date: isoDate,
  mode: z.enum(sessionModes, { error: "訪問かオンラインかを選んでください" }),
  participants: z.string().trim().max(1000).default(""),
  notes: z.string().trim().min(1, "記録を入力してください").max(20_000),
  nextSteps: z.array(nextStepInput).max(30).default([]),
});
export const commentInput = z.object({ body: z.string().trim().min(1, "コメントを入力してください").max(5000) });
export const engagementQuery = z.object({
  orgId: z.uuid().optional(),
  specialistId: z.union([z.literal("me"), z.uuid()]).optional(),
  status: z.enum(engagementStatuses).optional(),
});

const person = z.object({ id: z.string(), name: z.string() });
const nextStepView = z.object({
  id: z.string(),
  sessionId: z.string().nullable(),
  title: z.string(),
  owner: z.string(),
  dueDate: z.string().nullable(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});
const sessionView = z.object({
  id: z.string(),
  date: z.string(),
  mode: z.enum(sessionModes),
  participants: z.string(),
  notes: z.string(),
  createdBy: person.nullable(),
});
const progressLink = z.object({ id: z.string(), name: z.string(), programme: z.string(), pct: z.number().nullable() });
const engagementSummary = z.object({
  id: z.string(),
  org: z.object({ id: z.string(), name: z.string() }),
  theme: z.string(),
  status: z.enum(engagementStatuses),
  startDate: z.string(),
  endDate: z.string().nullable(),
  specialists: z.array(person),
  sessionCount: z.number(),
  lastSessionDate: z.string().nullable(),
  openSteps: z.number(),
  nextDue: z.string().nullable(),
});
export const engagementDetail = engagementSummary.extend({
  goals: z.string(),
  outcome: z.string(),
  progressItems: z.array(progressLink),
  /** False until the progress module exists, so the UI hides the link picker. */
  progressAvailable: z.boolean(),
  /** The desk consultation it grew out of. */
  consultationId: z.string().nullable(),
  sessions: z.array(sessionView),
  nextSteps: z.array(nextStepView),
  comments: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      /** The comment rendered from Markdown and sanitised on the server. */
      bodyHtml: z.string(),
      author: person.extend({ orgName: z.string() }).nullable(),
      createdAt: z.string(),
    }),
  ),
  abilities: z.object({
    canEdit: z.boolean(),
    canLogSession: z.boolean(),
    canLogTime: z.boolean(),
    canComment: z.boolean(),
    canUpdateSteps: z.boolean(),
  }),
});
export type EngagementDetail = z.infer<typeof engagementDetail>;
export const engagementList = z.object({
  items: z.array(engagementSummary),
  abilities: z.object({ canCreate: z.boolean(), canSeeWorkload: z.boolean() }),
});

const workloadRow = z.object({
  user: person.extend({ role: z.string() }),
  activeEngagements: z.number(),
  sessionsLast30Days: z.number(),
  openSteps: z.number(),
  overdueSteps: z.number(),
  openConsultations: z.number(),
});
export const workload = z.object({ items: z.array(workloadRow), asOf: z.string() });

/** Time spent, logged by a specialist on a consultation or a support session. */
export const timeInput = z.object({
  minutes: z
    .number({ error: "時間を分で入力してください" })
    .int("時間は分単位の整数で入力してください")
    .min(1, "時間は1分以上で入力してください")
    .max(720, "1件の記録は720分（12時間）以内にしてください"),
  date: isoDate,
  note: z.string().trim().max(500, "メモは500文字以内にしてください").default(""),
});
export const timeEntryView = z.object({ id: z.string(), minutes: z.number(), date: z.string(), note: z.string() });
export const timeTotalsQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月は YYYY-MM の形式で入力してください"),
});
export const timeTotals = z.object({
  month: z.string(),
  bySpecialist: z.array(z.object({ userId: z.string(), name: z.string(), minutes: z.number() })),
  byOrg: z.array(z.object({ orgId: z.string(), name: z.string(), minutes: z.number() })),
});
