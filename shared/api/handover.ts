import { z } from "zod";
import { fileIssue } from "./users.js";

/** What moves from a leaver to a successor (or, for an organisation's own work, comes with the post). */
const handoverKinds = [
  "consultation_filed",
  "consultation_assigned",
  "support_engagement",
  "body_membership",
  "notification_pref",
  "survey_answer",
  "action_item",
] as const;
export type HandoverKind = (typeof handoverKinds)[number];
export const handoverKindLabels: Record<HandoverKind, { ja: string; en: string }> = {
  consultation_filed: { ja: "相談（申込者）", en: "Consultation (filed)" },
  consultation_assigned: { ja: "相談（担当）", en: "Consultation (assigned)" },
  support_engagement: { ja: "伴走支援", en: "Support engagement" },
  body_membership: { ja: "会議体の委員・役職", en: "Body membership" },
  notification_pref: { ja: "通知の設定", en: "Notification setting" },
  survey_answer: { ja: "照会への回答", en: "Survey answer" },
  action_item: { ja: "宿題事項", en: "Action item" },
};

/** One open thing a person holds, as each owning module reports it. */
const handoverItem = z.object({
  kind: z.enum(handoverKinds),
  refId: z.string(),
  title: z.string(),
  due: z.string().nullable(),
  /** The organisation the thing belongs to (a town's consultation stays within the town). */
  orgId: z.string().nullable(),
});
export type HandoverItem = z.infer<typeof handoverItem>;

const person = z.object({ id: z.string().nullable(), name: z.string(), email: z.string(), org: z.string() });

const handoverChange = z.object({
  row: z.number(),
  date: z.string(),
  leaver: person,
  leaverAction: z.enum(["disable", "move"]),
  moveTo: z.string().nullable(),
  successor: person,
  successorCreated: z.boolean(),
  items: z.array(handoverItem),
});
export type HandoverChange = z.infer<typeof handoverChange>;

export const handoverBatch = z.object({
  id: z.string().nullable(),
  status: z.enum(["preview", "scheduled", "applied", "failed"]),
  fileName: z.string(),
  effectiveDate: z.string().nullable(),
  changes: z.array(handoverChange),
  issues: z.array(fileIssue),
  error: z.string().nullable(),
});
export type HandoverBatch = z.infer<typeof handoverBatch>;

/** What a successor received: their 引継ぎ書. */
export const handoverLetter = z.object({
  successor: z.object({ id: z.string(), name: z.string(), org: z.string() }),
  entries: z.array(
    z.object({
      batchId: z.string(),
      appliedAt: z.string(),
      from: z.string(),
      kind: z.enum(handoverKinds),
      refId: z.string(),
      title: z.string(),
      due: z.string().nullable(),
    }),
  ),
});
export type HandoverLetter = z.infer<typeof handoverLetter>;
