/**
 * Table types for Kysely. Portable across SQLite and PostgreSQL:
 * ids are text (UUIDs), timestamps are ISO-8601 UTC text, booleans are integers 0/1, JSON is text.
 */
import type { ChallengesTables } from "../../modules/challenges/tables.js";
import type { ConsultationTables } from "../../modules/consultations/tables.js";
import type { CouncilYearTables } from "../../modules/council-year/tables.js";
import type { DocumentsTables } from "../../modules/documents/tables.js";
import type { FaqTables } from "../../modules/faq/tables.js";
import type { HandoverTables } from "../../modules/handover/tables.js";
import type { InsightTables } from "../../modules/insight/tables.js";
import type { MeetingsTables } from "../../modules/meetings/tables.js";
import type { NoticesTables } from "../../modules/notices/tables.js";
import type { ProcurementTables } from "../../modules/procurement/tables.js";
import type { ProgressTables } from "../../modules/progress/tables.js";
import type { SearchTables } from "../../modules/search/tables.js";
import type { SupportTables } from "../../modules/support/tables.js";
import type { SurveysTables } from "../../modules/surveys/tables.js";

export type Flag = 0 | 1;

export interface OrgsTable {
  id: string;
  lg_code: string | null;
  kind: "prefecture" | "city" | "town" | "village" | "other";
  name: string;
  kana: string;
  name_en: string | null;
  population: number | null;
  created_at: string;
  updated_at: string;
  /** Digital-staff headcount (migration 0801), entered by the organisation's admin; null = not entered. */
  digital_staff?: number | null;
}

/** Contact data of an organisation: the sender's block (差出人・連絡先) in official mail and documents. */
export interface OrgContactsTable {
  org_id: string;
  department: string;
  person: string;
  phone: string;
  email: string;
  address: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: "admin" | "secretariat" | "specialist" | "municipal" | "observer";
  is_org_admin: Flag;
  password_hash: string | null;
  status: "active" | "invited" | "disabled";
  failed_logins: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_enabled: Flag;
  /** The time step (Unix time / 30 s) of the last accepted code; null before the first. */
  totp_last_step: number | null;
  locale: "ja" | "en";
  calendar_token: string | null;
  created_at: string;
  updated_at: string;
  /** The person's department (所属) and title (役職), migration 0767; the database fills in "". */
  department?: string;
  title?: string;
  /** When the account was last used (sign-in or a request, at most once a minute), migration 0781. */
  last_seen_at?: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  mfa_passed: Flag;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** Single sign-on (migration 0780): the provider signed in with, its ID token (logout hint), its MFA claim trusted. */
  sso_provider?: string | null;
  sso_id_token?: string | null;
  idp_mfa?: Flag;
}

/** A provider's subject linked to a user (migration 0780). */
export interface UserIdentitiesTable {
  provider: string;
  subject: string;
  user_id: string;
  created_at: string;
  last_login_at: string;
}

/** A sign-in in flight at a provider: keyed by the SHA-256 of the browser's cookie, used once. */
export interface SsoLoginsTable {
  id: string;
  provider: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: string;
  expires_at: string;
}

/** One failed sign-in (scope "address", key the client address) or TOTP code ("totp", the user id). */
export interface SignInFailuresTable {
  scope: "address" | "totp";
  key: string;
  failed_at: string;
}

export interface SamlRequestsTable {
  /** The AuthnRequest's ID, answered as the response's InResponseTo. */
  id: string;
  provider: string;
  return_to: string;
  created_at: string;
  expires_at: string;
}

export interface UserTokensTable {
  id: string;
  user_id: string;
  kind: "invite" | "reset";
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** Counters of in-memory copies (platform/db/versioned-cache.ts), raised by triggers. */
export interface CacheVersionsTable {
  key: string;
  version: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface BodiesTable {
  id: string;
  kind: "hq" | "council" | "working_group" | "subcommittee";
  parent_id: string | null;
  name: string;
  name_en: string | null;
  theme: string | null;
  description: string;
  visibility: "all" | "members";
  created_at: string;
  updated_at: string;
}

export interface BodyMembersTable {
  id: string;
  body_id: string;
  org_id: string | null;
  user_id: string | null;
  position: "chair" | "vice_chair" | "member" | "secretariat" | "observer";
  term_start: string | null;
  term_end: string | null;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  ip: string | null;
  user_agent: string | null;
  event: string;
  subject_type: string;
  subject_id: string | null;
  changes: string | null;
  /** The chain (server/platform/audit/chain.ts): position, the previous row's hash, this row's hash. */
  seq: number;
  prev_hash: string | null;
  hash: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  dedupe_key: string | null;
  status: "queued" | "running" | "done" | "failed";
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_at: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  category: string;
  title: string;
  body: string;
  link: string | null;
  read_at: string | null;
  digested_at: string | null;
  created_at: string;
}

export interface NotificationPrefsTable {
  user_id: string;
  category: string;
  mode: "immediate" | "digest" | "off";
}

export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  status: "pending" | "sent" | "failed" | "held";
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** JSON [{ filename, contentType, content }] (text content), or null. */
  attachments: string | null;
  /** The thread the mail is about (migration 0865), e.g. "consultation:<id>": answers to it are matched by mail-in. */
  thread_ref: string | null;
}

export interface FilesTable {
  id: string;
  sha256: string;
  size: number;
  mime: string;
  name: string;
  created_by: string | null;
  created_at: string;
}

export interface DB
  extends MeetingsTables,
    ConsultationTables,
    FaqTables,
    SupportTables,
    SearchTables,
    SurveysTables,
    NoticesTables,
    DocumentsTables,
    ChallengesTables,
    ProgressTables,
    ProcurementTables,
    CouncilYearTables,
    HandoverTables,
    InsightTables {
  files: FilesTable;
  orgs: OrgsTable;
  org_contacts: OrgContactsTable;
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  user_identities: UserIdentitiesTable;
  sso_logins: SsoLoginsTable;
  saml_requests: SamlRequestsTable;
  sign_in_failures: SignInFailuresTable;
  settings: SettingsTable;
  cache_versions: CacheVersionsTable;
  bodies: BodiesTable;
  body_members: BodyMembersTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  notification_prefs: NotificationPrefsTable;
  mail_outbox: MailOutboxTable;
}
