/** Kysely table types of the insight module (migration 0800-insight). */
export interface InsightSettingsTable {
  key: string;
  /** JSON, validated by shared/api/insight.ts on read and write. */
  value: string;
  updated_by: string | null;
  updated_at: string;
}

export interface InsightDecisionsTable {
  id: string;
  body_id: string;
  meeting_id: string;
  /** e.g. "progress:<itemId>", "challenge:<id>", "desk:<category>", "actions", "survey:<id>", "notice:<id>". */
  suggestion_key: string;
  decision: "accepted" | "dismissed";
  /** A hash of the evidence when decided: a dismissed suggestion comes back only when it differs. */
  fingerprint: string;
  /** JSON: the suggestion's evidence as shown when decided. */
  evidence: string;
  reason: string | null;
  agenda_item_id: string | null;
  decided_by: string | null;
  decided_at: string;
}

/** One annual report (取組状況報告) asked for: the job's progress and its two files (migration 0890). */
export interface InsightReportsTable {
  id: string;
  fiscal_year: number;
  requested_by: string;
  status: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
  docx_file_id: string | null;
  pdf_file_id: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface InsightTables {
  insight_settings: InsightSettingsTable;
  insight_decisions: InsightDecisionsTable;
  insight_reports: InsightReportsTable;
}
