import type { HistoryEntry } from "../../../shared/api/progress.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { toPercent } from "./present.js";
import type { ProgressHistoryTable } from "./tables.js";

type Row = ProgressHistoryTable & { item_id?: string; org_id?: string };

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
