import type { Ctx } from "../../platform/context.js";
import { insertChunked } from "./batch-repo.js";
import { emptyRecord, notStarted, type RecordData } from "./rules.js";
import type { ProgressStepHistoryTable } from "./tables.js";
import { type RecordChanges, rewindRecord } from "./update-rules.js";

/**
 * The step-history rows of one write (progress_step_history, migration 0930): each step whose status or
 * option changed, with its state after the write. Written beside the record's history row, in the same
 * transaction (writer.ts, timelines.ts).
 */
export function stepHistoryRows(
  recordId: string,
  at: string,
  before: RecordData["steps"],
  after: RecordData["steps"],
): ProgressStepHistoryTable[] {
  const out: ProgressStepHistoryTable[] = [];
  for (const [stepId, a] of Object.entries(after)) {
    const b = before[stepId] ?? notStarted;
    if (a.status !== b.status || a.option !== b.option)
      out.push({ record_id: recordId, step_id: stepId, at, status: a.status, option: a.option });
  }
  return out;
}

const PAGE = 2_000;

/**
 * Fills progress_step_history for the records written before it existed (migration 0930), from what the
 * history already says: each record's current step states are rewound through its history rows' recorded
 * changes, newest first (rewindRecord, as one record's "as of" is rebuilt), and the state after each change
 * that touched a step's status or option becomes a row at that change's time. What the rewind leaves before
 * the oldest change, when it is not "not started", is taken to hold since the record was created.
 */
export async function backfillStepHistory(ctx: Pick<Ctx, "db">): Promise<number> {
  let last = "";
  let written = 0;
  for (;;) {
    const records = await ctx.db
      .selectFrom("progress_records")
      .select(["id", "created_at"])
      .where("id", ">", last)
      .orderBy("id")
      .limit(PAGE)
      .execute();
    if (!records.length) return written;
    last = records[records.length - 1]!.id;
    const ids = records.map((r) => r.id);
    const current = new Map(ids.map((id) => [id, emptyRecord()]));
    for (const s of await ctx.db
      .selectFrom("progress_step_states")
      .select(["record_id", "step_id", "status", "planned_date", "actual_date", "option"])
      .where("record_id", "in", ids)
      .execute())
      current.get(s.record_id)!.steps[s.step_id] = {
        status: s.status,
        plannedDate: s.planned_date,
        actualDate: s.actual_date,
        option: s.option,
      };
    const history = await ctx.db
      .selectFrom("progress_history")
      .select(["record_id", "at", "changes"])
      .where("record_id", "in", ids)
      .where("changes", "like", '%"steps"%')
      .orderBy("record_id")
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .execute();
    const byRecord = new Map<string, { at: string; changes: RecordChanges }[]>();
    for (const h of history) {
      const list = byRecord.get(h.record_id) ?? [];
      list.push({ at: h.at, changes: JSON.parse(h.changes) as RecordChanges });
      byRecord.set(h.record_id, list);
    }
    const rows: ProgressStepHistoryTable[] = [];
    for (const r of records) {
      let state: RecordData = current.get(r.id)!;
      const newestFirst = byRecord.get(r.id) ?? [];
      for (const h of newestFirst) {
        for (const [stepId, fields] of Object.entries(h.changes.steps ?? {})) {
          const s = state.steps[stepId] ?? notStarted;
          if ("status" in fields || "option" in fields)
            rows.push({ record_id: r.id, step_id: stepId, at: h.at, status: s.status, option: s.option });
        }
        state = rewindRecord(state, [h.changes]);
      }
      const oldest = newestFirst[newestFirst.length - 1]?.at;
      if (!oldest || r.created_at < oldest) rows.push(...stepHistoryRows(r.id, r.created_at, {}, state.steps));
    }
    await insertChunked(ctx, "progress_step_history", rows);
    written += rows.length;
  }
}
