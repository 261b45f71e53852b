import type { Flag } from "../../platform/db/schema.js";

/** Kysely table types of the surveys module (migration 0300-surveys). */
export interface SurveysTable {
  id: string;
  title: string;
  description: string;
  status: "draft" | "published" | "closed";
  /** JSON: shared/surveys/definition.ts */
  definition: string;
  target_mode: "all" | "orgs" | "body";
  /** JSON array of org ids (target_mode "orgs"). */
  target_org_ids: string;
  target_body_id: string | null;
  opens_on: string | null;
  deadline_at: string | null;
  allow_edit_after_submit: Flag;
  results_visibility: "staff" | "shared";
  remind_days_before: number | null;
  remind_on_day: Flag;
  copied_from: string | null;
  open_notified_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  closed_at: string | null;
}

export interface SurveyTargetsTable {
  survey_id: string;
  org_id: string;
  extended_until: string | null;
  created_at: string;
}

export interface SurveyAnswersTable {
  id: string;
  survey_id: string;
  org_id: string;
  status: "draft" | "submitted" | "returned";
  /** JSON: { [questionId]: value } */
  data: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  returned_at: string | null;
  returned_by: string | null;
  return_comment: string | null;
  /** Migration 0752: 確認済 by the secretariat. */
  checked_at: string | null;
  checked_by: string | null;
}

export interface SurveyFilesTable {
  file_id: string;
  survey_id: string;
  org_id: string | null;
  created_at: string;
}

export interface SurveyRemindersTable {
  id: string;
  survey_id: string;
  org_id: string;
  kind: "before" | "day" | "manual";
  key: string;
  sent_at: string;
  sent_by: string | null;
}

/** Migration 0301: the survey → progress mapping (JSON: shared/surveys/progress-map.ts). */
export interface SurveyProgressMapsTable {
  survey_id: string;
  mapping: string;
  updated_at: string;
  updated_by: string | null;
  applied_at: string | null;
  applied_by: string | null;
}

/** Migration 0750: the ministry's workbook a survey was made from, and its table layout (JSON: shared/api/relay.ts). */
export interface SurveyWorkbooksTable {
  survey_id: string;
  file_id: string;
  layout: string;
  created_by: string | null;
  created_at: string;
}

/** Migration 0751: the national 照会 a survey relays. */
export interface SurveyRelaysTable {
  survey_id: string;
  ministry: string;
  document_number: string;
  national_deadline: string | null;
  contact: string;
  fiscal_year: number;
  updated_at: string;
}

export interface SurveysTables {
  survey_workbooks: SurveyWorkbooksTable;
  survey_relays: SurveyRelaysTable;
  survey_progress_maps: SurveyProgressMapsTable;
  surveys: SurveysTable;
  survey_targets: SurveyTargetsTable;
  survey_answers: SurveyAnswersTable;
  survey_files: SurveyFilesTable;
  survey_reminders: SurveyRemindersTable;
}
