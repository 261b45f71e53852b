import type { MeetingKind } from "../meetings/index.js";

export type PlanEntryType = "meeting" | "milestone";
export type PollStatus = "open" | "decided";
export type PollChoice = "yes" | "maybe" | "no";

export interface YearPlanEntriesTable {
  id: string;
  fiscal_year: number;
  entry_type: PlanEntryType;
  /** The body that meets; null for a milestone (a national deadline, the budget cycle). */
  body_id: string | null;
  kind: MeetingKind | null;
  title: string;
  /** The planned window, "YYYY-MM-DD" (a month is its first and last day; a fixed day has start = end). */
  start_date: string;
  end_date: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DatePollsTable {
  id: string;
  body_id: string;
  /** The meeting the chosen date updates; null until chosen for a new meeting. */
  meeting_id: string | null;
  title: string;
  description: string;
  kind: MeetingKind;
  place: string;
  deadline: string;
  status: PollStatus;
  chosen_candidate_id: string | null;
  reminded_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DatePollCandidatesTable {
  id: string;
  poll_id: string;
  starts_at: string;
  ends_at: string;
  position: number;
}

export interface DatePollResponsesTable {
  poll_id: string;
  org_id: string;
  /** JSON object: candidate id → PollChoice. */
  choices: string;
  comment: string;
  answered_by: string | null;
  answered_at: string;
}

export interface MinutesReviewsTable {
  id: string;
  meeting_id: string;
  /** The minutes revision under review. */
  revision: number;
  status: "open" | "closed";
  deadline: string;
  /** JSON array of the organisation ids asked to review. */
  org_ids: string;
  created_by: string | null;
  created_at: string;
  closed_at: string | null;
}

export interface MinutesPassagesTable {
  id: string;
  review_id: string;
  position: number;
  /** The organisation whose remark the passage records (「○阿武町　…」), or null. */
  speaker_org_id: string | null;
  text: string;
}

/** An organisation asked to review has finished: 「修正なし」 or 「提案を送信して完了」 (migration 0870). */
export interface MinutesReviewAnswersTable {
  review_id: string;
  org_id: string;
  outcome: "no_change" | "suggested";
  user_id: string;
  answered_at: string;
}

/** A person reminded of a review their organisation has not answered, once per review (migration 0870). */
export interface MinutesReviewRemindersTable {
  review_id: string;
  user_id: string;
  sent_at: string;
}

export interface MinutesSuggestionsTable {
  id: string;
  review_id: string;
  passage_id: string;
  org_id: string;
  user_id: string;
  /** The passage as the speaker would have it. */
  text: string;
  note: string;
  status: "pending" | "accepted" | "rejected";
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface CouncilYearTables {
  year_plan_entries: YearPlanEntriesTable;
  date_polls: DatePollsTable;
  date_poll_candidates: DatePollCandidatesTable;
  date_poll_responses: DatePollResponsesTable;
  minutes_reviews: MinutesReviewsTable;
  minutes_passages: MinutesPassagesTable;
  minutes_suggestions: MinutesSuggestionsTable;
  minutes_review_answers: MinutesReviewAnswersTable;
  minutes_review_reminders: MinutesReviewRemindersTable;
}
