import { z } from "zod";
import { progressMapping } from "../surveys/progress-map.js";
import { fieldIssue } from "./surveys.js";

/** Contracts of "into progress": the mapping of a survey onto progress items, its preview and application. */
export const progressMapResponse = z.object({
  mapping: progressMapping.nullable(),
  updatedAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  appliedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type ProgressMapResponse = z.infer<typeof progressMapResponse>;

const progressChange = z.object({
  org: z.object({ id: z.string(), name: z.string() }),
  item: z.object({ id: z.string(), name: z.string() }),
  /** Percentages in hundredths, as the progress module keeps them. */
  pctBefore: z.number().nullable(),
  pctAfter: z.number().nullable(),
  fields: z.array(z.object({ label: z.string(), before: z.string(), after: z.string() })),
});
export type ProgressChange = z.infer<typeof progressChange>;

export const progressApplyResult = z.object({
  dryRun: z.boolean(),
  /** Submitted answers read. */
  answers: z.number(),
  applied: z.number(),
  unchanged: z.number(),
  issues: z.array(fieldIssue),
  changes: z.array(progressChange),
});
export type ProgressApplyResult = z.infer<typeof progressApplyResult>;
