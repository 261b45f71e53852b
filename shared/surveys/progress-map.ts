import { z } from "zod";
import { key } from "./definition.js";

/**
 * How a survey's answers feed the progress dashboard. A grid maps its rows to progress items
 * (one business system each) and its columns to what they say about each item; a single question
 * maps to one item. Steps and metrics are named by code, because every item of a programme
 * shares the same step codes (the national procedure's steps), so one column serves 20 rows.
 */
export const stepStatuses = ["not_started", "in_progress", "done", "not_applicable"] as const;
export const stepStatusLabels: Record<(typeof stepStatuses)[number], string> = {
  not_started: "未着手",
  in_progress: "着手",
  done: "完了",
  not_applicable: "対象外",
};

const progressTarget = z.discriminatedUnion("kind", [
  /** A choice (or yes/no: "true" / "false") becomes a step's status; unmapped choices change nothing. */
  z.object({
    kind: z.literal("stepStatus"),
    stepCode: z.string().min(1, "ステップを選んでください"),
    values: z.record(z.string(), z.enum(stepStatuses)),
  }),
  z.object({ kind: z.literal("stepPlannedDate"), stepCode: z.string().min(1, "ステップを選んでください") }),
  z.object({ kind: z.literal("stepActualDate"), stepCode: z.string().min(1, "ステップを選んでください") }),
  z.object({
    kind: z.literal("metricValue"),
    metricCode: z.string().min(1, "指標を選んでください"),
    fiscalYear: z.number().int().min(2000).max(2100),
  }),
]);
export type ProgressTarget = z.infer<typeof progressTarget>;

export const progressTargetLabels: Record<ProgressTarget["kind"], string> = {
  stepStatus: "ステップの状況",
  stepPlannedDate: "ステップの予定日",
  stepActualDate: "ステップの実績日",
  metricValue: "指標の値",
};

export const progressMapping = z.object({
  programmeId: z.uuid({ error: "取組（プログラム）を選んでください" }),
  grids: z
    .array(
      z.object({
        questionId: key,
        /** grid row id → progress item id */
        rows: z.record(z.string(), z.uuid()),
        columns: z.array(z.object({ columnId: key, target: progressTarget })).max(40),
      }),
    )
    .max(20)
    .default([]),
  questions: z
    .array(z.object({ questionId: key, itemId: z.uuid({ error: "取組項目を選んでください" }), target: progressTarget }))
    .max(200)
    .default([]),
});
export type ProgressMapping = z.infer<typeof progressMapping>;

/** Which question kinds can feed which target. */
export const targetFits: Record<ProgressTarget["kind"], readonly string[]> = {
  stepStatus: ["single_choice", "yes_no"],
  stepPlannedDate: ["date"],
  stepActualDate: ["date"],
  metricValue: ["number"],
};
