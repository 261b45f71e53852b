import type { HandoverKind } from "../../../shared/api/handover.js";

/** Kysely table types of 人事異動 (migration 0790-handover). */
export interface HandoverBatchesTable {
  id: string;
  file_name: string;
  status: "scheduled" | "applied" | "failed";
  /** The transfer date ("YYYY-MM-DD", Japan time) when applied on the date; null when applied at once. */
  effective_date: string | null;
  /** JSON: the parsed transfer rows (TransferRow[]), checked again when the job applies them. */
  plan: string;
  error: string | null;
  created_by: string | null;
  created_at: string;
  applied_at: string | null;
}

/** One thing a successor received: the lines of their 引継ぎ書. */
export interface HandoverEntriesTable {
  id: string;
  batch_id: string;
  successor_id: string;
  leaver_id: string;
  kind: HandoverKind;
  ref_id: string;
  title: string;
  due: string | null;
  created_at: string;
}

export interface HandoverTables {
  handover_batches: HandoverBatchesTable;
  handover_entries: HandoverEntriesTable;
}
