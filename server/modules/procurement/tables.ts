export interface ProcurementProjectsTable {
  id: string;
  name: string;
  programme: string;
  /** The body that runs it (RPA等共同利用WG by default); its members see the project. */
  body_id: string;
  kind: "rpa" | "ai_ocr" | "line" | "cloud" | "other";
  fiscal_year_from: number;
  fiscal_year_to: number;
  vendor: string;
  /** A link inside the application to the project's documents (a documents folder). */
  documents_url: string | null;
  /** 1: every member sees the whole 負担金 table; 0: a participant sees its own share and the rule. */
  table_open: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProcurementParticipantsTable {
  id: string;
  project_id: string;
  org_id: string;
  join_date: string;
  leave_date: string | null;
}

export interface ProcurementPhasesTable {
  id: string;
  project_id: string;
  position: number;
  name: string;
  start_date: string | null;
  end_date: string | null;
  status: "planned" | "in_progress" | "done";
}

export interface ProcurementMeetingsTable {
  project_id: string;
  meeting_id: string;
}

export interface ProcurementScenariosTable {
  id: string;
  project_id: string;
  fiscal_year: number;
  name: string;
  /** 1, 2, … per project and fiscal year, in order of creation. */
  version: number;
  status: "draft" | "frozen";
  /** The contract total in yen. */
  total: number;
  /** JSON: ScenarioRule (shared/api/procurement.ts). */
  rule: string;
  /** JSON: per organisation id, its usage figure and bounds. */
  inputs: string;
  /** JSON, set when frozen: the allocation with the figures it used (populations as of then). */
  result: string | null;
  /** A correction names the frozen scenario it replaces, and why. */
  supersedes_id: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  frozen_by: string | null;
  frozen_at: string | null;
}

export interface ProcurementTables {
  procurement_projects: ProcurementProjectsTable;
  procurement_participants: ProcurementParticipantsTable;
  procurement_phases: ProcurementPhasesTable;
  procurement_meetings: ProcurementMeetingsTable;
  procurement_scenarios: ProcurementScenariosTable;
}
