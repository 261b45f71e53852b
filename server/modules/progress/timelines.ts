import { jstMonth } from "../../../shared/dates/jst.js";
import { type Ctx, newId } from "../../platform/context.js";
import { insertChunked } from "./batch-repo.js";
import { computeRecordState, emptyRecord, type ItemDef, type RecordData } from "./rules.js";
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
import { rebuildProgressTotals } from "./totals-repo.js";
import { diffRecord } from "./update-rules.js";
import { addRollupRows } from "./writer.js";

/** A record's past as successive snapshots, oldest first; the first one creates the record. */
export interface Timeline {
  orgId: string;
  itemId: string;
  snapshots: { at: string; data: RecordData; note?: string | null; source?: HistorySource }[];
}

/**
 * Writes records with a back-dated history (the demo seed and the benchmark): the final state,
 * one history row per snapshot with its changes and state (and its steps' changed statuses and options), the monthly rollup and the maintained totals
 * (replayed from the history, since the snapshots are back-dated) — in batched
 * inserts, so thousands of records take a few statements. Records must not exist yet.
 */
export async function writeTimelines(
  ctx: Pick<Ctx, "db">,
  defs: Map<string, { def: ItemDef; programmeId: string }>,
  timelines: Timeline[],
  opts: {
    actorUserId?: string | null /** false: the caller rebuilds after its last batch (the benchmark). */;
    rebuildTotals?: boolean;
  } = {},
): Promise<{ records: number; history: number }> {
  const records: ProgressRecordsTable[] = [];
  const steps: ProgressStepStatesTable[] = [];
  const metrics: ProgressMetricValuesTable[] = [];
  const history: ProgressHistoryTable[] = [];
  const stepHistory: ProgressStepHistoryTable[] = [];
  const rollup = new Map<string, ProgressRollupTable>();
  for (const t of timelines) {
    if (!t.snapshots.length) continue;
    const { def, programmeId } = defs.get(t.itemId)!;
    const recordId = newId();
    let prev: RecordData = emptyRecord();
    let prevPct: number | null = null;
    let first = true;
    let state = computeRecordState(def, prev);
    for (const s of t.snapshots) {
      state = computeRecordState(def, s.data);
      const changes: Record<string, unknown> = { ...diffRecord(prev, s.data) };
      if (first) changes.created = true;
      if (first || prevPct !== state.pct) changes.pct = [prevPct, state.pct];
      history.push({
        id: newId(),
        record_id: recordId,
        org_id: t.orgId,
        at: s.at,
        actor_user_id: opts.actorUserId ?? null,
        source: s.source ?? "seed",
        note: s.note ?? null,
        file_id: null,
        changes: JSON.stringify(changes),
        pct: state.pct,
        due_date: state.dueDate,
        exception: s.data.exception ? 1 : 0,
      });
      stepHistory.push(...stepHistoryRows(recordId, s.at, prev.steps, s.data.steps));
      const dSum = (state.pct ?? 0) - (prevPct ?? 0);
      const dN = (state.pct != null ? 1 : 0) - (!first && prevPct != null ? 1 : 0);
      if (dSum || dN) {
        const month = jstMonth(s.at);
        const key = `${programmeId}|${month}|${t.orgId}`;
        const r = rollup.get(key) ?? { programme_id: programmeId, month, org_id: t.orgId, pct_sum: 0, pct_n: 0 };
        r.pct_sum += dSum;
        r.pct_n += dN;
        rollup.set(key, r);
      }
      prev = s.data;
      prevPct = state.pct;
      first = false;
    }
    const last = t.snapshots[t.snapshots.length - 1]!;
    records.push({
      id: recordId,
      org_id: t.orgId,
      item_id: t.itemId,
      programme_id: programmeId,
      pct: state.pct,
      done_count: state.done,
      in_progress_count: state.inProgress,
      applicable_count: state.applicable,
      due_date: state.dueDate,
      exception: prev.exception ? 1 : 0,
      exception_reason: prev.exceptionReason,
      revised_target: prev.revisedTarget,
      metric_fy: state.metricFy,
      version: t.snapshots.length,
      created_at: t.snapshots[0]!.at,
      updated_at: last.at,
      updated_by: opts.actorUserId ?? null,
    });
    for (const [stepId, st] of Object.entries(prev.steps))
      steps.push({
        record_id: recordId,
        step_id: stepId,
        status: st.status,
        planned_date: st.plannedDate,
        actual_date: st.actualDate,
        option: st.option,
        reminded_for: null,
        updated_at: last.at,
      });
    for (const [key, v] of Object.entries(prev.metrics)) {
      const [metricId, fy] = key.split(":");
      metrics.push({ record_id: recordId, metric_id: metricId!, fiscal_year: Number(fy), ...v, updated_at: last.at });
    }
  }
  await insertChunked(ctx, "progress_records", records);
  await insertChunked(ctx, "progress_step_states", steps);
  await insertChunked(ctx, "progress_metric_values", metrics);
  await insertChunked(ctx, "progress_history", history);
  await insertChunked(ctx, "progress_step_history", stepHistory);
  await addRollupRows(ctx, [...rollup.values()]);
  if (opts.rebuildTotals !== false)
    for (const programmeId of new Set(records.map((r) => r.programme_id))) await rebuildProgressTotals(ctx, programmeId);
  return { records: records.length, history: history.length };
}
