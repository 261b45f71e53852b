import { z } from "zod";
import { isoDateTime } from "./common.js";
import { meetingKinds } from "./meetings.js";

/** Date polls (日程調整): candidate dates answered per organisation with ○/△/×, then one is chosen. */

export const pollChoices = ["yes", "maybe", "no"] as const;
export type PollChoice = (typeof pollChoices)[number];
export const pollChoiceLabels: Record<PollChoice, { ja: string; en: string }> = {
  yes: { ja: "○ 出席可", en: "○ Available" },
  maybe: { ja: "△ 調整中", en: "△ Maybe" },
  no: { ja: "× 出席不可", en: "× Not available" },
};
export const pollStatuses = ["open", "decided"] as const;
export const pollStatusLabels: Record<(typeof pollStatuses)[number], { ja: string; en: string }> = {
  open: { ja: "回答受付中", en: "Open" },
  decided: { ja: "日程決定", en: "Decided" },
};

const text = (max: number) => z.string().trim().max(max, `${max}文字以内で入力してください`);

const candidateInput = z
  .object({ startsAt: isoDateTime, endsAt: isoDateTime })
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), {
    path: ["endsAt"],
    error: "終了日時は開始日時より後にしてください",
  });

export const pollInput = z.object({
  bodyId: z.uuid({ error: "会議体を選んでください" }),
  /** An existing meeting whose date the poll settles; without it, choosing a date creates the meeting. */
  meetingId: z.uuid({ error: "会議を選び直してください" }).nullable().optional(),
  title: text(200).min(1, "件名を入力してください"),
  description: text(2000).default(""),
  kind: z.enum(meetingKinds, { error: "開催形式を選んでください" }).default("in_person"),
  place: text(200).default(""),
  deadline: isoDateTime,
  candidates: z
    .array(candidateInput, { error: "候補日を1つ以上入れてください" })
    .min(1, "候補日を1つ以上入れてください")
    .max(20, "候補日は20件までです"),
});

export const pollAnswerInput = z.object({
  /** candidate id → ○/△/×, one for every candidate. */
  choices: z.record(z.uuid(), z.enum(pollChoices, { error: "○・△・×のいずれかを選んでください" })),
  comment: text(1000).default(""),
});

export const pollDecideInput = z.object({ candidateId: z.uuid({ error: "候補日を選んでください" }) });

const orgRef = z.object({ id: z.string(), name: z.string() });
const tally = z.object({ yes: z.number(), maybe: z.number(), no: z.number() });

export const pollSummary = z.object({
  id: z.string(),
  bodyId: z.string(),
  bodyName: z.string(),
  title: z.string(),
  deadline: z.string(),
  status: z.enum(pollStatuses),
  /** Answers are still taken (open and before the deadline). */
  accepting: z.boolean(),
  answered: z.number(),
  total: z.number(),
  /** Whether the actor's organisation is asked and has answered. */
  mine: z.enum(["answered", "unanswered", "notAsked"]),
  meetingId: z.string().nullable(),
  createdAt: z.string(),
});
export type PollSummary = z.infer<typeof pollSummary>;

export const pollDetail = pollSummary.extend({
  description: z.string(),
  kind: z.enum(meetingKinds),
  place: z.string(),
  chosenCandidateId: z.string().nullable(),
  candidates: z.array(z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), tally })),
  /** One row per organisation on the body's roll, answered or not (the results table). */
  rows: z.array(
    z.object({
      org: orgRef,
      choices: z.record(z.string(), z.enum(pollChoices)),
      comment: z.string(),
      answeredAt: z.string().nullable(),
      canAnswer: z.boolean(),
    }),
  ),
  abilities: z.object({ canManage: z.boolean(), canDecide: z.boolean() }),
});
export type PollDetail = z.infer<typeof pollDetail>;

export const pollQuery = z.object({ bodyId: z.uuid().optional() });
