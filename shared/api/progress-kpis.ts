import { z } from "zod";
import { looseNumber } from "../numbers.js";

/**
 * KPIs (progress metrics) read per fiscal year, and the prefecture-wide targets set per programme and
 * fiscal year (e.g. 「令和9年度末までに全市町で26手続をマイナポータル対応」) with where they stand.
 */

/** The fiscal years a target may be set for: from a few years back (kept for the record) to ten years ahead. */
export const targetYearsBack = 3;
export const targetYearsAhead = 10;

export const targetMeasures = ["metric_sum", "online_national"] as const;
export type TargetMeasure = (typeof targetMeasures)[number];
export const targetMeasureLabels: Record<TargetMeasure, { ja: string; en: string }> = {
  metric_sum: { ja: "指標の県内合計", en: "Sum of a metric over the municipalities" },
  online_national: {
    ja: "マイナポータル対応が完了した市町の数（国の定義）",
    en: "Municipalities with every target procedure via Mynaportal (national definition)",
  },
};

export const kpiQuery = z.object({
  programmeId: z.uuid({ error: "取組を選んでください" }),
  fiscalYear: z.coerce
    .number({ error: "年度は西暦の4桁（例：2026）で指定してください" })
    .int({ error: "年度は西暦の4桁（例：2026）で指定してください" })
    .min(2000, "年度は西暦の4桁（例：2026）で指定してください")
    .max(2100, "年度は西暦の4桁（例：2026）で指定してください")
    .optional(),
  orgId: z.uuid({ error: "団体IDの形式が正しくありません" }).optional(),
});
export type KpiQuery = z.infer<typeof kpiQuery>;

/** One metric in one fiscal year, over the municipalities in view (one, or all). */
const kpiMetric = z.object({
  id: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  name: z.string(),
  unit: z.string(),
  /** Municipalities that reported a value this fiscal year. */
  reported: z.number(),
  /** The sum of the reported values (hours saved, participants …); null when none was reported ("no data"). */
  total: z.number().nullable(),
  /** The sum of the targets that apply (each municipality's own for the year, else the default); null when none. */
  target: z.number().nullable(),
  /** Mean achievement (value ÷ target, capped at 100 %) of those with a value and a target; null: no data. */
  pct: z.number().nullable(),
});
export type KpiMetric = z.infer<typeof kpiMetric>;

const progressTarget = z.object({
  id: z.string(),
  programmeId: z.string(),
  fiscalYear: z.number(),
  title: z.string(),
  measure: z.enum(targetMeasures),
  metricId: z.string().nullable(),
  metricName: z.string().nullable(),
  unit: z.string(),
  targetValue: z.number(),
  /** Where it stands now: the metric's sum for the target's fiscal year, or the municipalities complete; null: no data. */
  current: z.number().nullable(),
  /** current ÷ target (0–100, capped), null without a figure or with a target of 0. */
  pct: z.number().nullable(),
});
export type ProgressTarget = z.infer<typeof progressTarget>;

export const kpiView = z.object({
  programmeId: z.string(),
  orgId: z.string().nullable(),
  fiscalYear: z.number(),
  /** The fiscal years with a value, a target or a prefecture-wide target, and the current one, newest first. */
  fiscalYears: z.array(z.number()),
  metrics: z.array(kpiMetric),
  /** The programme's prefecture-wide targets (every fiscal year), in the prefecture-wide view only. */
  targets: z.array(progressTarget),
  canManage: z.boolean(),
});
export type KpiView = z.infer<typeof kpiView>;

const fiscalYearField = z
  .number({ error: "年度は西暦の4桁（例：2027）で入力してください" })
  .int({ error: "年度は西暦の4桁（例：2027）で入力してください" });
export const targetInput = z.object({
  fiscalYear: looseNumber(fiscalYearField),
  title: z
    .string({ error: "目標の内容を入力してください" })
    .trim()
    .min(1, "目標の内容を入力してください")
    .max(200, "目標の内容は200字以内で入力してください"),
  measure: z.enum(targetMeasures, { error: "数える対象を選んでください" }),
  metricId: z.uuid({ error: "指標を一覧から選んでください" }).nullable().optional(),
  targetValue: looseNumber(z.number({ error: "目標値を数値で入力してください" }).min(0, "目標値は0以上の数値で入力してください")),
});
export type TargetInput = z.infer<typeof targetInput>;
export const targetPatch = targetInput.partial();
export type TargetPatch = z.infer<typeof targetPatch>;
