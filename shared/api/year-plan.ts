import { z } from "zod";
import { isoDate } from "./common.js";
import { meetingKinds, meetingStatuses } from "./meetings.js";

/** The yearly plan (年間計画): planned meetings per body and national milestones within one fiscal year. */

export const planEntryTypes = ["meeting", "milestone"] as const;
export const planEntryTypeLabels: Record<(typeof planEntryTypes)[number], { ja: string; en: string }> = {
  meeting: { ja: "会議", en: "Meeting" },
  milestone: { ja: "期限・節目", en: "Milestone" },
};
/** How a planned meeting stands against the meetings actually set. */
export const planOutcomes = ["planned", "scheduled", "held", "missed"] as const;
export const planOutcomeLabels: Record<(typeof planOutcomes)[number], { ja: string; en: string }> = {
  planned: { ja: "予定", en: "Planned" },
  scheduled: { ja: "日程決定", en: "Scheduled" },
  held: { ja: "開催済み", en: "Held" },
  missed: { ja: "未開催（予定時期を経過）", en: "Not held (window passed)" },
};
/** Clash warnings: the whole window falls on closed days, or two bodies meet in one week. */
const planWarningCodes = ["closed", "sameWeek"] as const;

const text = (max: number) => z.string().trim().max(max, `${max}文字以内で入力してください`);
const endNotBeforeStart = (e: { startDate?: string; endDate?: string }) => !e.startDate || !e.endDate || e.endDate >= e.startDate;
const endRule = { path: ["endDate"], error: "終わりの日は始まりの日以降にしてください" };

export const fiscalYearParams = z.object({
  fy: z.coerce
    .number({ error: "年度は西暦の数字で指定してください" })
    .int()
    .min(2000, "年度は2000〜2100の範囲で指定してください")
    .max(2100, "年度は2000〜2100の範囲で指定してください"),
});

const entryFields = {
  bodyId: z.uuid({ error: "会議体を選んでください" }).nullable().optional(),
  kind: z.enum(meetingKinds, { error: "開催形式を選んでください" }).nullable().optional(),
  title: text(200).min(1, "目的・名称を入力してください"),
  startDate: isoDate,
  endDate: isoDate,
};
export const planEntryInput = z
  .object({ type: z.enum(planEntryTypes, { error: "種類を選んでください" }), ...entryFields })
  .refine(endNotBeforeStart, endRule)
  .refine((e) => e.type !== "meeting" || !!e.bodyId, { path: ["bodyId"], error: "会議体を選んでください" });
export const planEntryPatch = z.object(entryFields).partial().refine(endNotBeforeStart, endRule);

const meetingRef = z.object({ id: z.string(), name: z.string(), startsAt: z.string(), status: z.enum(meetingStatuses) });

const planEntry = z.object({
  id: z.string(),
  fiscalYear: z.number(),
  type: z.enum(planEntryTypes),
  bodyId: z.string().nullable(),
  bodyName: z.string().nullable(),
  kind: z.enum(meetingKinds).nullable(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  /** Meetings only: how it stands against the meetings set, and the meeting it was matched with. */
  outcome: z.enum(planOutcomes).nullable(),
  meeting: meetingRef.nullable(),
  /** detail: the reason a day is closed (「祝日（海の日）」) or the other body meeting that week. */
  warnings: z.array(z.object({ code: z.enum(planWarningCodes), detail: z.string() })),
  abilities: z.object({ canEdit: z.boolean() }),
});
export type PlanEntry = z.infer<typeof planEntry>;

export const yearPlan = z.object({
  fiscalYear: z.number(),
  /** 「令和8年度」 */
  label: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  entries: z.array(planEntry),
  /** Meetings set this year that no planned entry accounts for. */
  unplanned: z.array(meetingRef.extend({ bodyId: z.string(), bodyName: z.string() })),
  /** The bodies the actor sees, in the council's order, and whether the actor may plan each. */
  bodies: z.array(z.object({ id: z.string(), name: z.string(), canPlan: z.boolean() })),
  summary: z.object({ planned: z.number(), held: z.number(), scheduled: z.number(), missed: z.number() }),
  abilities: z.object({ canEditMilestones: z.boolean(), canCopy: z.boolean() }),
});
export type YearPlan = z.infer<typeof yearPlan>;

export const copyPlanResult = z.object({ copied: z.number() });
