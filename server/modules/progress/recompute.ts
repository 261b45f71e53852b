import { jstMonth } from "../../../shared/dates/jst.js";
import { type Ctx, newId, nowIso } from "../../platform/context.js";
import { missingRecords } from "./definitions-repo.js";
import { itemRecordPcts } from "./records-repo.js";
import { loadItemDefs, loadRecords } from "./repo.js";
import { computeRecordState, emptyRecord } from "./rules.js";
import { refreshRollupTotals } from "./totals-repo.js";
import { addRollupRows, type RecordWrite, writeRecords } from "./writer.js";

const systemMeta = (ctx: Ctx) => ({
  at: nowIso(),
  actorUserId: ctx.actor?.userId ?? null,
  actorOrgId: ctx.actor?.orgId ?? null,
  source: "definition" as const,
  audit: false,
});

/** Creates the missing records of items for every municipality (0% and the item's deadline), with history. */
export async function ensureRecords(ctx: Ctx, itemIds: string[]): Promise<number> {
  const missing = await missingRecords(ctx, itemIds);
  if (!missing.length) return 0;
  const defs = await loadItemDefs(ctx, itemIds);
  const now = nowIso();
  const writes: RecordWrite[] = missing.map(({ orgId, itemId }) => {
    const d = defs.get(itemId)!;
    const data = emptyRecord();
    const state = computeRecordState(d.def, data);
    return {
      recordId: newId(),
      orgId,
      itemId,
      programmeId: d.programme.id,
      createdAt: now,
      lastAt: null,
      before: data,
      after: data,
      prevPct: null,
      prevCounted: false,
      state,
      changes: { created: true, pct: [null, state.pct] },
      version: 1,
      note: null,
      fileId: null,
    };
  });
  await writeRecords(ctx, writes, systemMeta(ctx));
  return writes.length;
}

/** After a definition change (steps, targets, deadlines), recomputes the items' records and keeps history of what moved. */
export async function recomputeItems(ctx: Ctx, itemIds: string[]): Promise<number> {
  const defs = await loadItemDefs(ctx, itemIds);
  const records = await loadRecords(ctx, itemIds, undefined, { lock: true });
  const writes: RecordWrite[] = [];
  for (const { row, data } of records.values()) {
    const d = defs.get(row.item_id)!;
    const state = computeRecordState(d.def, data);
    if (
      state.pct === row.pct &&
      state.dueDate === row.due_date &&
      state.applicable === row.applicable_count &&
      state.metricFy === row.metric_fy
    )
      continue;
    writes.push({
      recordId: row.id,
      orgId: row.org_id,
      itemId: row.item_id,
      programmeId: row.programme_id,
      createdAt: null,
      lastAt: row.updated_at,
      before: data,
      after: data,
      prevPct: row.pct,
      prevCounted: true,
      state,
      changes: { pct: [row.pct, state.pct] },
      version: row.version + 1,
      note: null,
      fileId: null,
    });
  }
  await writeRecords(ctx, writes, systemMeta(ctx));
  return writes.length;
}

/**
 * Archiving an item takes its records out of the trend from this month on (and restoring puts them back),
 * so the trend's last point always equals the dashboard's overall percentage.
 */
export async function shiftRollupForItem(ctx: Ctx, itemId: string, sign: 1 | -1): Promise<void> {
  const rows = await itemRecordPcts(ctx, itemId);
  const month = jstMonth();
  const byOrg = new Map<string, { programme_id: string; month: string; org_id: string; pct_sum: number; pct_n: number }>();
  for (const r of rows) {
    const o = byOrg.get(r.org_id) ?? { programme_id: r.programme_id, month, org_id: r.org_id, pct_sum: 0, pct_n: 0 };
    o.pct_sum += sign * (r.pct ?? 0);
    o.pct_n += sign;
    byOrg.set(r.org_id, o);
  }
  await addRollupRows(ctx, [...byOrg.values()]);
  if (rows.length) await refreshRollupTotals(ctx, rows[0]!.programme_id, [month]);
}
