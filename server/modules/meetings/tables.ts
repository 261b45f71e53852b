import type { Disclosure } from "../../../shared/api/publication.js";
import type { Flag } from "../../platform/db/schema.js";

export type MeetingKind = "in_person" | "online" | "hybrid";
export type MeetingStatus = "draft" | "announced" | "held" | "minutes_published" | "cancelled";
export type AgendaStatus = "proposed" | "accepted" | "rejected" | "deferred" | "withdrawn";
export type AttendanceMode = "in_person" | "online" | "absent";
export type MinutesStatus = "draft" | "approved" | "published";
export type ActionStatus = "open" | "in_progress" | "done";

export interface MeetingsTable {
  id: string;
  body_id: string;
  fiscal_year: number;
  seq: number;
  subtitle: string | null;
  kind: MeetingKind;
  starts_at: string;
  ends_at: string;
  place: string;
  online_url: string | null;
  description: string;
  status: MeetingStatus;
  proposal_deadline: string | null;
  attendance_deadline: string | null;
  cancel_reason: string | null;
  previous_id: string | null;
  /** JSON array of { title, durationMinutes, presenter } that "prepare the next meeting" copies. */
  agenda_template: string;
  created_by: string | null;
  announced_at: string | null;
  created_at: string;
  updated_at: string;
  /** Disclosure (migration 0765; the database fills in "closed"): of the meeting and of its minutes. */
  disclosure?: Disclosure;
  minutes_disclosure?: Disclosure;
}

export interface AgendaItemsTable {
  id: string;
  body_id: string;
  /** Null while the item waits in the body's backlog (deferred). */
  meeting_id: string | null;
  origin_meeting_id: string | null;
  status: AgendaStatus;
  title: string;
  purpose: string;
  presenter: string;
  minutes_requested: number;
  duration_minutes: number;
  position: number;
  proposer_org_id: string | null;
  proposed_by: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  /** Where another module's proposal came from, e.g. "challenge:<id>". */
  source_ref: string | null;
  created_at: string;
  updated_at: string;
  /** Disclosure (migration 0765; the database fills in "closed"). */
  disclosure?: Disclosure;
}

export interface MeetingMaterialsTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  title: string;
  current_version: number;
  /** Order on screen among the meeting's materials (then upload time). */
  position: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  /** Disclosure (migration 0765; the database fills in "closed"). */
  disclosure?: Disclosure;
}

export interface MaterialVersionsTable {
  id: string;
  material_id: string;
  version: number;
  file_id: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface MeetingAttendanceTable {
  id: string;
  meeting_id: string;
  org_id: string;
  mode: AttendanceMode | null;
  /** JSON array of attendee names. */
  attendees: string;
  note: string;
  answered_by: string | null;
  answered_at: string | null;
  /** The roll taken at the meeting: 1 present, 0 absent, null not taken. */
  present: Flag | null;
  roll_by: string | null;
  roll_at: string | null;
  /** 1 when the secretariat entered the answer for the organisation (e.g. it replied by phone). */
  on_behalf: Flag;
}

export interface MeetingMinutesTable {
  id: string;
  meeting_id: string;
  revision: number;
  body_md: string;
  /** JSON object agendaItemId → decision or outcome text. */
  outcomes: string;
  status: MinutesStatus;
  correction_reason: string | null;
  approved_by: string | null;
  approved_at: string | null;
  published_by: string | null;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActionItemsTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  title: string;
  description: string;
  owner_org_id: string;
  due_date: string;
  status: ActionStatus;
  done_at: string | null;
  reminded_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One reminder sent to one person about one meeting (migration 0770): attendance or the proposal deadline. */
export interface MeetingRemindersTable {
  meeting_id: string;
  user_id: string;
  kind: "attendance" | "proposal";
  sent_at: string;
}

/** One move of an agenda item from one body to another (migration 0772). */
export interface AgendaReferralsTable {
  id: string;
  agenda_item_id: string;
  from_body_id: string;
  /** The meeting the item left, when it was on one (else it came from the body's backlog). */
  from_meeting_id: string | null;
  to_body_id: string;
  note: string;
  referred_by: string | null;
  referred_at: string;
}

export interface MeetingsTables {
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  meeting_materials: MeetingMaterialsTable;
  material_versions: MaterialVersionsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_minutes: MeetingMinutesTable;
  action_items: ActionItemsTable;
  meeting_reminders: MeetingRemindersTable;
  agenda_referrals: AgendaReferralsTable;
}
