import type { Flag } from "../../platform/db/schema.js";

export interface NoticesTable {
  id: string;
  category: "national" | "council" | "working_group" | "system";
  /** Scoped to a body: visible as the body is. Null: every signed-in user. */
  body_id: string | null;
  title: string;
  body_md: string;
  /** JSON [{ title, url }]: source links (the ministry's page …). */
  links: string;
  status: "draft" | "scheduled" | "published" | "archived";
  publish_at: string | null;
  published_at: string | null;
  pinned: Flag;
  required: Flag;
  reminded_at: string | null;
  created_by: string;
  org_id: string;
  created_at: string;
  updated_at: string;
}

export interface NoticeAttachmentsTable {
  id: string;
  notice_id: string;
  file_id: string;
  /** Text extracted from the file (PDF, Office, text) for search; null until extracted or when not extractable. */
  text: string | null;
  created_at: string;
}

export interface NoticeReadsTable {
  notice_id: string;
  user_id: string;
  org_id: string;
  read_at: string;
}

export interface NoticesTables {
  notices: NoticesTable;
  notice_attachments: NoticeAttachmentsTable;
  notice_reads: NoticeReadsTable;
}
