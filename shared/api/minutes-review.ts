import { z } from "zod";
import { isoDateTime } from "./common.js";

/**
 * Minutes review (議事録の確認): the draft is cut into passages at blank lines; a passage that starts
 * with 「○」 and an organisation's name records that organisation's remark. Each organisation suggests
 * changes to its own passages; the secretariat accepts (the draft changes) or rejects each.
 */
export const suggestionStatuses = ["pending", "accepted", "rejected"] as const;
export const suggestionStatusLabels: Record<(typeof suggestionStatuses)[number], { ja: string; en: string }> = {
  pending: { ja: "確認待ち", en: "Pending" },
  accepted: { ja: "反映済み", en: "Accepted" },
  rejected: { ja: "見送り", en: "Rejected" },
};

const text = (max: number) => z.string().trim().max(max, `${max}文字以内で入力してください`);

export const reviewInput = z.object({
  deadline: isoDateTime,
  /** The organisations asked; without it, the attending organisations and every speaker. */
  orgIds: z.array(z.uuid()).max(200).optional(),
});
export const suggestionInput = z.object({
  text: text(20000).min(1, "修正後の文を入力してください"),
  note: text(1000).default(""),
});
/** A reviewer finishes: 「修正なし」, or 「提案を送信して完了」 once its suggestions are in. Suggesting alone does not finish. */
export const reviewOutcomes = ["no_change", "suggested"] as const;
export const reviewOutcomeLabels: Record<(typeof reviewOutcomes)[number], { ja: string; en: string }> = {
  no_change: { ja: "修正なし", en: "No changes" },
  suggested: { ja: "提案を送信して完了", en: "Suggestions sent" },
};
export const reviewAnswerInput = z.object({
  outcome: z.enum(reviewOutcomes, { error: "「修正なし」か「提案を送信して完了」を選んでください" }),
});
export const suggestionDecision = z.object({
  decision: z.enum(["accepted", "rejected"], { error: "反映するか見送るかを選んでください" }),
});

const orgRef = z.object({ id: z.string(), name: z.string() });

const suggestion = z.object({
  id: z.string(),
  passageId: z.string(),
  org: orgRef,
  userName: z.string(),
  text: z.string(),
  note: z.string(),
  status: z.enum(suggestionStatuses),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ canDecide: z.boolean() }),
});

const minutesReview = z.object({
  id: z.string(),
  meetingId: z.string(),
  revision: z.number(),
  status: z.enum(["open", "closed"]),
  deadline: z.string(),
  accepting: z.boolean(),
  orgs: z.array(orgRef),
  /** Who has answered: every organisation asked for the secretariat; a reviewer sees its own. */
  reviewers: z.array(
    z.object({
      org: orgRef,
      answer: z.object({ outcome: z.enum(reviewOutcomes), userName: z.string(), answeredAt: z.string() }).nullable(),
      /** When its people were last reminded, if they were. */
      remindedAt: z.string().nullable(),
    }),
  ),
  passages: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      speaker: orgRef.nullable(),
      text: z.string(),
      /** The actor's organisation spoke here and the review is still taking suggestions. */
      canSuggest: z.boolean(),
    }),
  ),
  /** All of them for the secretariat; a reviewer sees its own organisation's. */
  suggestions: z.array(suggestion),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** canFollowAnswers: the secretariat, who sees every organisation's answer and reminder. */
  abilities: z.object({ canClose: z.boolean(), canAnswer: z.boolean(), canFollowAnswers: z.boolean() }),
});
export type MinutesReview = z.infer<typeof minutesReview>;

export const reviewState = z.object({
  current: minutesReview.nullable(),
  /** Earlier reviews (closed), newest first: the whole review is kept. */
  history: z.array(z.object({ id: z.string(), revision: z.number(), createdAt: z.string(), closedAt: z.string().nullable() })),
  abilities: z.object({ canStart: z.boolean() }),
});
export type ReviewState = z.infer<typeof reviewState>;
