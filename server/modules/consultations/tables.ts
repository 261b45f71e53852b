/** Kysely table types of the consultation desk (migration 0400-desk). */
export interface ConsultationsTable {
  id: string;
  org_id: string;
  created_by: string;
  category: "standardisation" | "online" | "rpa_ocr" | "divide" | "security" | "other";
  subject: string;
  body: string;
  urgency: "low" | "normal" | "high";
  preferred_contact: "portal" | "email" | "phone" | "online_meeting";
  contact_note: string;
  /** How it reached the desk (migration 0755): portal when the town filed it, else staff filed it for the town. */
  channel: "portal" | "phone" | "mail" | "visit" | "meeting";
  /** Who asked, when staff filed it for the town; asker_user_id when the person is a user of that town. */
  asker_name: string;
  asker_user_id: string | null;
  status: "new" | "in_progress" | "waiting" | "resolved" | "closed";
  assignee_id: string | null;
  merged_into_id: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  /** Set while the clock is paused (waiting for the municipality, or resolved). */
  paused_since: string | null;
  /** Cached due dates ("YYYY-MM-DD", Japan time) for the queue's sort and filters; recomputed on every change. */
  first_response_due: string | null;
  resolution_due: string | null;
  /**
   * The earliest unmet due date while the clock runs; "9999-12-31" (noDue) when paused, resolved or
   * closed, so one ascending index serves the queue's sort and its overdue / due-soon filters.
   */
  next_due: string;
  last_activity_at: string;
  created_at: string;
  updated_at: string;
}

export interface ConsultationMessagesTable {
  id: string;
  consultation_id: string;
  author_id: string | null;
  /** reply: the conversation with the municipality; note: prefecture staff only; event: a system line. */
  kind: "reply" | "note" | "event";
  body: string;
  created_at: string;
}

export interface ConsultationAttachmentsTable {
  id: string;
  consultation_id: string;
  message_id: string | null;
  file_id: string;
  created_at: string;
}

export interface ConsultationPausesTable {
  id: string;
  consultation_id: string;
  reason: "waiting" | "resolved";
  started_at: string;
  ended_at: string | null;
}

export interface ConsultationAlertsTable {
  consultation_id: string;
  kind: string;
  due: string;
  created_at: string;
}

export interface ConsultationTemplatesTable {
  id: string;
  title: string;
  body: string;
  category: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConsultationTables {
  consultations: ConsultationsTable;
  consultation_messages: ConsultationMessagesTable;
  consultation_attachments: ConsultationAttachmentsTable;
  consultation_pauses: ConsultationPausesTable;
  consultation_alerts: ConsultationAlertsTable;
  consultation_templates: ConsultationTemplatesTable;
  consultation_mail_in: ConsultationMailInTable;
}

/** One accepted message of mail-in (migration 0865), by its Message-ID: the consultation it opened or answered. */
export interface ConsultationMailInTable {
  message_id: string;
  /** Null only inside the transaction that claims the Message-ID, before the consultation exists. */
  consultation_id: string | null;
  user_id: string;
  created_at: string;
}
