import type { Disclosure } from "../../../shared/api/publication.js";
import type { Flag } from "../../platform/db/schema.js";

/**
 * Progress tables (migration 0200). Definitions (programmes → items → steps | metrics) are data,
 * so a prefecture can track next year's programme without code.
 *
 * State is kept twice on purpose:
 * - `progress_records` (+ step states, metric values) is the current state, with the record's
 *   percentage and due date cached so the dashboard reads one row per (municipality, item);
 * - `progress_history` is append-only, one row per change of a record, carrying the record's
 *   snapshot (pct, due_date, exception) after the change so "as of" any date is the latest row
 *   per record at or before it (one index seek per record on `progress_history_asof`);
 * - `progress_rollup` holds, per programme, municipality and month, the sum of percentage changes,
 *   so the month-by-month trend is a running sum over a few rows per month.
 */
export interface ProgressProgrammesTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  description: string;
  /** The programme-wide deadline (e.g. the national one); an item may have its own. */
  deadline: string | null;
  /** When set, records may be flagged as exceptions under this name (e.g. 特定移行支援システム). */
  exception_label: string | null;
  /** "Far behind the median": a municipality this many percentage points under the median is behind plan. */
  lag_threshold: number;
  sort_order: number;
  archived: Flag;
  created_at: string;
  updated_at: string;
  /** The body that owns the programme (migration 0766), shown in its space. */
  body_id?: string | null;
  /** Whether its aggregate figures are in the open data (migration 0765; the database fills in "closed"). */
  disclosure?: Disclosure;
}

export interface ProgressItemsTable {
  id: string;
  programme_id: string;
  code: string;
  name: string;
  name_en: string | null;
  group_label: string | null;
  tracking: "steps" | "metrics";
  deadline: string | null;
  /** An online procedure counted by the national definition (migration 0896; the database fills in 1). */
  national_target?: Flag;
  sort_order: number;
  archived: Flag;
  created_at: string;
  updated_at: string;
}

export interface ProgressStepsTable {
  id: string;
  item_id: string;
  code: string;
  name: string;
  name_en: string | null;
  phase: string | null;
  /** JSON array of the ways a step can be completed (e.g. ["マイナポータル","その他"]), or null. */
  options: string | null;
  sort_order: number;
  archived: Flag;
  created_at: string;
  updated_at: string;
}

export interface ProgressMetricsTable {
  id: string;
  item_id: string;
  code: string;
  name: string;
  name_en: string | null;
  unit: string;
  /** The target every municipality has unless its own is set for the fiscal year. */
  target_default: number | null;
  sort_order: number;
  archived: Flag;
  created_at: string;
  updated_at: string;
}

export interface ProgressRecordsTable {
  id: string;
  org_id: string;
  item_id: string;
  programme_id: string;
  /** Percentage in hundredths (0–10000), null when nothing applies (every step 対象外, no target). */
  pct: number | null;
  done_count: number;
  in_progress_count: number;
  applicable_count: number;
  /** The earliest date by which something open was due; behind plan once it has passed. */
  due_date: string | null;
  exception: Flag;
  exception_reason: string | null;
  revised_target: string | null;
  /** For metric items: the fiscal year the percentage is about. */
  metric_fy: number | null;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export type StepStatus = "not_started" | "in_progress" | "done" | "not_applicable";

export interface ProgressStepStatesTable {
  record_id: string;
  step_id: string;
  status: StepStatus;
  planned_date: string | null;
  actual_date: string | null;
  option: string | null;
  /** The planned date the municipality was last reminded about (one reminder per planned date). */
  reminded_for: string | null;
  updated_at: string;
}

/**
 * Each step's status and option over time (migration 0930): one row per write that changed either, with
 * the state after it, so the online procedures' channel (shared/progress/online.ts) can be read "as of" a
 * day — the record's history row carries only its percentage, due date and exception.
 */
export interface ProgressStepHistoryTable {
  record_id: string;
  step_id: string;
  at: string;
  status: StepStatus;
  option: string | null;
}

export interface ProgressMetricValuesTable {
  record_id: string;
  metric_id: string;
  fiscal_year: number;
  value: number | null;
  target: number | null;
  updated_at: string;
}

export type HistorySource = "manual" | "import" | "survey" | "definition" | "seed" | "system";

export interface ProgressHistoryTable {
  id: string;
  record_id: string;
  /** The record's municipality (a town's newest changes: progress_history_org). */
  org_id: string;
  at: string;
  actor_user_id: string | null;
  source: HistorySource;
  note: string | null;
  file_id: string | null;
  /** JSON: { steps?: {stepId: {field: [before, after]}}, metrics?: {...}, record?: {...}, pct: [b, a], created?: true } */
  changes: string;
  pct: number | null;
  due_date: string | null;
  exception: Flag;
}

export interface ProgressRollupTable {
  programme_id: string;
  /** "YYYY-MM" in Japan time. */
  month: string;
  org_id: string;
  /** Sum of pct changes (hundredths) in the month, and of changes in the count of records with a percentage. */
  pct_sum: number;
  pct_n: number;
}

/**
 * Maintained read models (migration 0710), rewritten with every record write: a municipality's cells in a
 * programme (one text by item slot, cell-grid.ts, migration 1030) with their totals, now and at the end
 * of each Japan day that changed one, so the dashboard, heatmap and "as of" read 1,741 rows instead of
 * every record or history row.
 */
export interface ProgressOrgCells {
  programme_id: string;
  org_id: string;
  cells: string;
  /** Sum and count of the cells' percentages (hundredths), cells flagged as exceptions. */
  pct_sum: number;
  pct_n: number;
  exceptions: number;
  /** The cells' due dates, sorted, joined by commas ("" for none): overdue = those before the day. */
  dues: string;
}
/** An item's number in its programme: its place in the cells' text (cell-grid.ts, migration 1030). */
export interface ProgressItemSlotsTable {
  programme_id: string;
  slot: number;
  item_id: string;
}
export interface ProgressOrgStateTable extends ProgressOrgCells {
  /** The online procedures by channel (progress/online.ts): "basis:mynaportal:other:excluded"; null until counted. */
  online: string | null;
}
export interface ProgressOrgDaysTable extends ProgressOrgStateTable {
  /** "YYYY-MM-DD" in Japan time: the cells at the end of that day. */
  day: string;
}
/** Per item: sum and count of the records' percentages (hundredths), for "lagging behind the others". */
export interface ProgressItemTotalsTable {
  item_id: string;
  pct_sum: number;
  pct_n: number;
}
/** The same at the end of each day that changed one of the item's records ("as of"). */
export interface ProgressItemDaysTable extends ProgressItemTotalsTable {
  day: string;
}
/** progress_rollup summed over every municipality: the unfiltered trend in one row per month. */
export interface ProgressRollupTotalsTable {
  programme_id: string;
  month: string;
  pct_sum: number;
  pct_n: number;
}

/** A whole-programme export run as a background job (migration 0820): progress is sheets written of sheets to write. */
export interface ProgressExportsTable {
  id: string;
  programme_id: string;
  requested_by: string;
  org_id: string;
  status: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
  file_id: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** A prefecture-wide target for a programme and fiscal year (migration 0895). */
export interface ProgressTargetsTable {
  id: string;
  programme_id: string;
  fiscal_year: number;
  title: string;
  /** What is counted: a metric's sum over the municipalities, or those complete by the national online definition. */
  measure: "metric_sum" | "online_national";
  metric_id: string | null;
  target_value: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProgressTables {
  progress_programmes: ProgressProgrammesTable;
  progress_items: ProgressItemsTable;
  progress_steps: ProgressStepsTable;
  progress_metrics: ProgressMetricsTable;
  progress_records: ProgressRecordsTable;
  progress_step_states: ProgressStepStatesTable;
  progress_step_history: ProgressStepHistoryTable;
  progress_metric_values: ProgressMetricValuesTable;
  progress_history: ProgressHistoryTable;
  progress_rollup: ProgressRollupTable;
  progress_org_state: ProgressOrgStateTable;
  progress_item_slots: ProgressItemSlotsTable;
  progress_org_days: ProgressOrgDaysTable;
  progress_item_totals: ProgressItemTotalsTable;
  progress_item_days: ProgressItemDaysTable;
  progress_rollup_totals: ProgressRollupTotalsTable;
  progress_exports: ProgressExportsTable;
  progress_targets: ProgressTargetsTable;
}
