import { jstMonth } from "../../../shared/dates/jst.js";
import { appendAudit } from "../../platform/audit/record.js";
import { type Ctx, newId } from "../../platform/context.js";
import { insertChunked, takeExcluded } from "./batch-repo.js";
import type { RecordData, RecordState } from "./rules.js";
import { stepHistoryRows } from "./step-history-repo.js";
import type {
  HistorySource,
  ProgressHistoryTable,
  ProgressMetricValuesTable,
  ProgressRecordsTable,
  ProgressRollupTable,
  ProgressStepHistoryTable,
  ProgressStepStatesTable,
} from "./tables.js";
import { refreshTotals } from "./totals-repo.js";
import type { RecordChanges } from "./update-rules.js";

/** One record's change, ready to be written: the record, its data before and after, and its states. */
export interface RecordWrite {
  recordId: string;
  orgId: string;
  itemId: string;
  programmeId: string;
  createdAt: string | null; // null: the record exists already
  lastAt: string | null; // when the record was last written (its updated_at), null for a new one
  before: RecordData;
  after: RecordData;
  prevPct: number | null;
  prevCounted: boolean; // whether the previous state counted in the rollup (false for a new record)
  state: RecordState;
  changes: RecordChanges & { created?: true; pct?: [number | null, number | null] };
  version: number;
  note: string | null;
  fileId: string | null;
}

export interface WriteMeta {
  at: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  source: HistorySource;
  ip?: string | null;
  userAgent?: string | null;
  /** One audit row per record (manual edits, surveys, imports); definition recomputations skip it. */
  audit: boolean;
}

const stepCols = ["status", "planned_date", "actual_date", "option", "updated_at"];
const metricCols = ["value", "target", "updated_at"];
const recordCols = [
  "pct",
  "done_count",
  "in_progress_count",
  "applicable_count",
  "due_date",
  "exception",
  "exception_reason",
  "revised_target",
  "metric_fy",
  "version",
  "updated_at",
  "updated_by",
];

/**
 * Writes a batch of record changes in the caller's transaction: step states and metric values
 * (upserts of what changed), the records' current state, one history row each (and a step-history
 * row per step whose status or option changed: the online channel "as of"), the month's
 * rollup deltas, the maintained totals (totals-repo.ts) and the audit rows — a handful of statements
 * whatever the batch size.
 */
export async function writeRecords(ctx: Ctx, writes: RecordWrite[], given: WriteMeta): Promise<void> {
  if (!writes.length) return;
  const meta = { ...given, at: afterLastWrites(writes, given.at) };
  const steps: ProgressStepStatesTable[] = [];
  const metrics: ProgressMetricValuesTable[] = [];
  const records: ProgressRecordsTable[] = [];
  const history: ProgressHistoryTable[] = [];
  const stepHistory: ProgressStepHistoryTable[] = [];
  const rollup = new Map<string, ProgressRollupTable>();
  const month = jstMonth(meta.at);
  for (const w of writes) {
    for (const [stepId, s] of Object.entries(w.after.steps)) {
      if (w.before.steps[stepId] === s) continue; // untouched (same object as before)
      steps.push({
        record_id: w.recordId,
        step_id: stepId,
        status: s.status,
        planned_date: s.plannedDate,
        actual_date: s.actualDate,
        option: s.option,
        reminded_for: null,
        updated_at: meta.at,
      });
    }
    for (const [key, v] of Object.entries(w.after.metrics)) {
      if (w.before.metrics[key] === v) continue;
      const [metricId, fy] = key.split(":");
      metrics.push({ record_id: w.recordId, metric_id: metricId!, fiscal_year: Number(fy), ...v, updated_at: meta.at });
    }
    records.push({
      id: w.recordId,
      org_id: w.orgId,
      item_id: w.itemId,
      programme_id: w.programmeId,
      pct: w.state.pct,
      done_count: w.state.done,
      in_progress_count: w.state.inProgress,
      applicable_count: w.state.applicable,
      due_date: w.state.dueDate,
      exception: w.after.exception ? 1 : 0,
      exception_reason: w.after.exceptionReason,
      revised_target: w.after.revisedTarget,
      metric_fy: w.state.metricFy,
      version: w.version,
      created_at: w.createdAt ?? meta.at,
      updated_at: meta.at,
      updated_by: meta.actorUserId,
    });
    history.push({
      id: newId(),
      record_id: w.recordId,
      org_id: w.orgId,
      at: meta.at,
      actor_user_id: meta.actorUserId,
      source: meta.source,
      note: w.note,
      file_id: w.fileId,
      changes: JSON.stringify(w.changes),
      pct: w.state.pct,
      due_date: w.state.dueDate,
      exception: w.after.exception ? 1 : 0,
    });
    stepHistory.push(...stepHistoryRows(w.recordId, meta.at, w.before.steps, w.after.steps));
    addRollup(rollup, w, month);
  }
  // The records first: a municipality's first record of an item is referenced by its step states and values.
  await insertChunked(ctx, "progress_records", records, (oc) => oc.column("id").doUpdateSet(takeExcluded(recordCols)));
  // A step state row keeps reminded_for across updates: the reminder compares it with the planned date.
  await insertChunked(ctx, "progress_step_states", steps, (oc) =>
    oc.columns(["record_id", "step_id"]).doUpdateSet(takeExcluded(stepCols)),
  );
  await insertChunked(ctx, "progress_metric_values", metrics, (oc) =>
    oc.columns(["record_id", "metric_id", "fiscal_year"]).doUpdateSet(takeExcluded(metricCols)),
  );
  await insertChunked(ctx, "progress_history", history);
  await insertChunked(ctx, "progress_step_history", stepHistory);
  await addRollupRows(ctx, [...rollup.values()]);
  await refreshTotals(ctx, writes, meta.at, month);
  if (meta.audit) await auditMany(ctx, writes, meta);
}

/**
 * A record's history is read in order of time (newest first, and rewound that way for "as of"), so its new
 * entry must come after its last one: when a record was last written at or after `at` (two writes in one
 * millisecond, or another instance whose clock is ahead), the batch is dated a millisecond after that.
 */
function afterLastWrites(writes: RecordWrite[], at: string): string {
  const last = writes.reduce((max, w) => (w.lastAt && w.lastAt > max ? w.lastAt : max), "");
  return last >= at ? new Date(Date.parse(last) + 1).toISOString() : at;
}

function addRollup(rollup: Map<string, ProgressRollupTable>, w: RecordWrite, month: string) {
  const dSum = (w.state.pct ?? 0) - (w.prevCounted ? (w.prevPct ?? 0) : 0);
  const dN = (w.state.pct != null ? 1 : 0) - (w.prevCounted && w.prevPct != null ? 1 : 0);
  if (!dSum && !dN) return;
  const key = `${w.orgId}|${w.programmeId}`;
  const r = rollup.get(key) ?? { programme_id: w.programmeId, month, org_id: w.orgId, pct_sum: 0, pct_n: 0 };
  r.pct_sum += dSum;
  r.pct_n += dN;
  rollup.set(key, r);
}

/** Adds monthly deltas to the rollup (an upsert that sums). */
export async function addRollupRows(ctx: Pick<Ctx, "db">, rows: ProgressRollupTable[]): Promise<void> {
  await insertChunked(ctx, "progress_rollup", rows, (oc) =>
    oc.columns(["programme_id", "month", "org_id"]).doUpdateSet((eb: any) => ({
      pct_sum: eb("progress_rollup.pct_sum", "+", eb.ref("excluded.pct_sum")),
      pct_n: eb("progress_rollup.pct_n", "+", eb.ref("excluded.pct_n")),
    })),
  );
}

/**
 * The audit rows of a batch, in the same shape recordAudit writes, inserted in one statement
 * (an import of 1,741 municipalities would otherwise be 1,741 round trips).
 */
async function auditMany(ctx: Ctx, writes: RecordWrite[], meta: WriteMeta): Promise<void> {
  await appendAudit(
    ctx,
    writes.map((w) => ({
      id: newId(),
      at: meta.at,
      actor_user_id: meta.actorUserId,
      actor_org_id: meta.actorOrgId,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent ?? null,
      event: "progress.update",
      subject_type: "progress_record",
      subject_id: w.recordId,
      changes: JSON.stringify({ source: meta.source, orgId: w.orgId, itemId: w.itemId, ...w.changes }),
    })),
  );
}
