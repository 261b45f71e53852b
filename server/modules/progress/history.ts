import type { HistoryEntry } from "../../../shared/api/progress.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import type { Ctx } from "../../platform/context.js";
import { toPercent } from "./present.js";
import { latestHistoryIds } from "./recent-repo.js";
import type { ProgressHistoryTable } from "./tables.js";

type Row = ProgressHistoryTable & { item_id?: string; org_id?: string };

/** History rows of records, newest first, with the actor's and the evidence file's names. */
export async function historyRows(ctx: Ctx, recordIds: string[], opts: { limit: number; offset?: number }) {
  if (!recordIds.length) return [];
  const ids = recordIds.length === 1 ? recordIds : await latestHistoryIds(ctx, recordIds, opts.limit + (opts.offset ?? 0));
  if (!ids.length) return [];
  return ctx.db
    .selectFrom("progress_history as h")
    .innerJoin("progress_records as r", "r.id", "h.record_id")
    .leftJoin("users as u", "u.id", "h.actor_user_id")
    .leftJoin("orgs as o", "o.id", "u.org_id")
    .leftJoin("files as f", "f.id", "h.file_id")
    .selectAll("h")
    .select([
      "r.item_id",
      "r.org_id",
      "u.name as actor_name",
      "o.name as actor_org",
      "f.name as file_name",
      "f.size as file_size",
    ])
    .where(recordIds.length === 1 ? "h.record_id" : "h.id", "in", ids)
    .orderBy("h.at", "desc")
    .orderBy("h.id", "desc")
    .limit(opts.limit)
    .offset(opts.offset ?? 0)
    .execute();
}

/** Step and metric names of items (archived ones too: old history mentions them). */
export async function labelsFor(ctx: Ctx, itemIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!itemIds.length) return out;
  const steps = await ctx.db.selectFrom("progress_steps").select(["id", "name"]).where("item_id", "in", itemIds).execute();
  const metrics = await ctx.db
    .selectFrom("progress_metrics")
    .select(["id", "name", "unit"])
    .where("item_id", "in", itemIds)
    .execute();
  for (const s of steps) out.set(s.id, s.name);
  for (const m of metrics) out.set(m.id, m.unit ? `${m.name}（${m.unit}）` : m.name);
  return out;
}

const recordFieldLabels: Record<string, string> = {
  exception: "区分",
  exceptionReason: "理由",
  revisedTarget: "見直し後の目標日",
};

/** Turns a history row into labelled before/after pairs the UI lists as they are. */
export function presentHistory(
  row: Row & { actor_name: string | null; actor_org: string | null; file_name: string | null; file_size: number | null },
  labels: Map<string, string>,
): HistoryEntry {
  const c = JSON.parse(row.changes) as {
    steps?: Record<string, Record<string, [unknown, unknown]>>;
    metrics?: Record<string, Record<string, [unknown, unknown]>>;
    record?: Record<string, [unknown, unknown]>;
    created?: boolean;
    pct?: [number | null, number | null];
  };
  const changes: HistoryEntry["changes"] = [];
  if (c.created) changes.push({ target: "created", label: "記録の開始", field: "created", before: null, after: null });
  for (const [id, fields] of Object.entries(c.steps ?? {}))
    for (const [field, [before, after]] of Object.entries(fields))
      changes.push({ target: "step", label: labels.get(id) ?? "（削除されたステップ）", field, before, after });
  for (const [key, fields] of Object.entries(c.metrics ?? {})) {
    const [id, fy] = key.split(":");
    for (const [field, [before, after]] of Object.entries(fields))
      changes.push({
        target: "metric",
        label: `${labels.get(id!) ?? "（削除された指標）"} ${fiscalYearLabel(Number(fy))}`,
        field,
        before,
        after,
      });
  }
  for (const [field, [before, after]] of Object.entries(c.record ?? {}))
    changes.push({ target: "record", label: recordFieldLabels[field] ?? field, field, before, after });
  return {
    id: row.id,
    at: row.at,
    actor: row.actor_user_id ? { id: row.actor_user_id, name: row.actor_name ?? "", orgName: row.actor_org } : null,
    source: row.source,
    note: row.note,
    evidence: row.file_id ? { id: row.file_id, name: row.file_name ?? "file", size: row.file_size ?? 0 } : null,
    pct: toPercent(row.pct),
    pctBefore: c.pct ? toPercent(c.pct[0]) : undefined,
    changes,
  };
}
