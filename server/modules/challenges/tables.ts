export interface ChallengesTable {
  id: string;
  org_id: string;
  created_by: string;
  title: string;
  description: string;
  theme: string | null;
  /** The working group the challenge belongs to, if any. */
  body_id: string | null;
  status: "open" | "taken_up" | "resolved";
  /** The summary of how it was resolved (required when resolved). */
  resolution: string | null;
  meeting_id: string | null;
  agenda_item_id: string | null;
  /** How many other organisations marked "we have this too" (kept in step in the same transaction). */
  share_count: number;
  created_at: string;
  updated_at: string;
}

export interface ChallengeSharesTable {
  challenge_id: string;
  org_id: string;
  user_id: string;
  note: string;
  created_at: string;
}

export interface ChallengeCommentsTable {
  id: string;
  challenge_id: string;
  kind: "comment" | "solution";
  body_md: string;
  user_id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
}

export interface ChallengeAttachmentsTable {
  id: string;
  challenge_id: string;
  file_id: string;
  created_at: string;
}

export interface ChallengesTables {
  challenges: ChallengesTable;
  challenge_shares: ChallengeSharesTable;
  challenge_comments: ChallengeCommentsTable;
  challenge_attachments: ChallengeAttachmentsTable;
}
