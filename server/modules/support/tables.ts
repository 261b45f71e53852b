/** Kysely table types of hands-on support engagements, 伴走型支援 (migration 0400-desk). */
export interface SupportEngagementsTable {
  id: string;
  org_id: string;
  theme: string;
  goals: string;
  start_date: string;
  end_date: string | null;
  status: "planned" | "active" | "completed" | "cancelled";
  outcome: string;
  /** JSON array of linked progress item ids (the progress module owns those rows). */
  progress_refs: string;
  /** The desk consultation it grew out of (migration 0756), or null. */
  consultation_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupportSpecialistsTable {
  engagement_id: string;
  user_id: string;
}

export interface SupportSessionsTable {
  id: string;
  engagement_id: string;
  date: string;
  mode: "on_site" | "online";
  participants: string;
  notes: string;
  created_by: string | null;
  created_at: string;
}

export interface SupportNextStepsTable {
  id: string;
  engagement_id: string;
  session_id: string | null;
  title: string;
  owner: string;
  due_date: string | null;
  done_at: string | null;
  created_at: string;
}

export interface SupportCommentsTable {
  id: string;
  engagement_id: string;
  author_id: string | null;
  body: string;
  created_at: string;
}

/** Time a specialist spent (migration 0757), on a desk consultation or a support session. */
export interface SupportTimeEntriesTable {
  id: string;
  user_id: string;
  org_id: string;
  consultation_id: string | null;
  session_id: string | null;
  date: string;
  minutes: number;
  note: string;
  created_at: string;
}

export interface SupportTables {
  support_engagements: SupportEngagementsTable;
  support_specialists: SupportSpecialistsTable;
  support_sessions: SupportSessionsTable;
  support_next_steps: SupportNextStepsTable;
  support_comments: SupportCommentsTable;
  support_time_entries: SupportTimeEntriesTable;
}
