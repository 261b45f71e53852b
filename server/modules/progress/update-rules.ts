import { type ItemDef, metricKey, notStarted, type RecordData } from "./rules.js";
import type { StepStatus } from "./tables.js";

/**
 * One change to one municipality's record for one item — the input of applyProgressUpdates.
 * Fields left out stay as they are; `null` clears a date, option, value or target.
 *
 * {
 *   orgId: "<orgs.id of the municipality>",
 *   itemId: "<progress_items.id>",
 *   steps?: [{ stepId, status?: "not_started"|"in_progress"|"done"|"not_applicable",
 *              plannedDate?: "YYYY-MM-DD"|null, actualDate?: "YYYY-MM-DD"|null, option?: string|null }],
 *   metrics?: [{ metricId, fiscalYear: 2026, value?: number|null, target?: number|null }],
 *   exception?: { flagged: boolean, reason?: string|null, revisedTarget?: "YYYY-MM-DD"|null },
 *   note?: string|null,            // kept in the history with the change
 *   evidenceFileId?: string|null,  // a file the actor uploaded (POST /api/progress/evidence)
 *   expectedVersion?: number,      // the record version the editor saw; a newer one → 409
 *   ref?: string,                  // the caller's label for error paths, e.g. "照会回答 3行目"
 * }
 */
export interface ProgressUpdate {
  orgId: string;
  itemId: string;
  steps?: StepChange[];
  metrics?: MetricChange[];
  exception?: { flagged: boolean; reason?: string | null; revisedTarget?: string | null };
  note?: string | null;
  evidenceFileId?: string | null;
  expectedVersion?: number;
  ref?: string;
}

export interface StepChange {
  stepId: string;
  status?: StepStatus;
  plannedDate?: string | null;
  actualDate?: string | null;
  option?: string | null;
}

export interface MetricChange {
  metricId: string;
  fiscalYear: number;
  value?: number | null;
  target?: number | null;
}

const stepStatusList: readonly StepStatus[] = ["not_started", "in_progress", "done", "not_applicable"];

/** A field problem found while applying an update: `field` is relative to the update ("steps.2.actualDate"). */
export interface UpdateProblem {
  field: string;
  message: string;
  stepId?: string;
  metricId?: string;
}

/** A real calendar date written YYYY-MM-DD. */
export function isYmd(v: unknown): v is string {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const dateOk = (v: unknown) => v === null || isYmd(v);
const DATE_MSG = "日付は YYYY-MM-DD の形式の実在する日付で入力してください";

/**
 * Applies one update to a record's data and reports every problem (pure). The result is the
 * record as it would be; callers write it only when no update of the batch has a problem.
 */
export function applyUpdate(def: ItemDef, before: RecordData, u: ProgressUpdate, today: string) {
  const problems: UpdateProblem[] = [];
  const after: RecordData = {
    steps: { ...before.steps },
    metrics: { ...before.metrics },
    exception: before.exception,
    exceptionReason: before.exceptionReason,
    revisedTarget: before.revisedTarget,
  };
  const stepsById = new Map(def.steps.map((s) => [s.id, s]));
  for (const [i, c] of (u.steps ?? []).entries()) {
    const f = (name: string, message: string) => problems.push({ field: `steps.${i}.${name}`, message, stepId: c.stepId });
    const step = stepsById.get(c.stepId);
    if (!step) {
      f("stepId", "この項目にないステップです");
      continue;
    }
    const cur = { ...(after.steps[c.stepId] ?? notStarted) };
    if (c.status !== undefined) {
      if (!stepStatusList.includes(c.status)) {
        f("status", "状況は 未着手・着手・完了・対象外 のいずれかにしてください");
        continue;
      }
      // Leaving 完了 clears what only a completed step has, unless the change sets them itself.
      if (c.status !== "done") {
        if (c.actualDate === undefined) cur.actualDate = null;
        if (c.option === undefined) cur.option = null;
      }
      cur.status = c.status;
    }
    if (c.plannedDate !== undefined) {
      if (!dateOk(c.plannedDate)) f("plannedDate", DATE_MSG);
      else cur.plannedDate = c.plannedDate;
    }
    if (c.actualDate !== undefined) {
      if (!dateOk(c.actualDate)) f("actualDate", DATE_MSG);
      else cur.actualDate = c.actualDate;
    }
    if (c.option !== undefined) cur.option = c.option === "" ? null : c.option;
    if (cur.actualDate && cur.actualDate > today) f("actualDate", "実績日に未来の日付は入力できません");
    if (cur.actualDate && cur.status !== "done") f("actualDate", "実績日は状況が「完了」のときだけ入力できます");
    if (cur.option != null && !(step.options ?? []).includes(cur.option))
      f(
        "option",
        step.options?.length
          ? `方法は ${step.options.join("・")} のいずれかにしてください`
          : "このステップには方法を入力できません",
      );
    after.steps[c.stepId] = cur;
  }

  const metricsById = new Map(def.metrics.map((m) => [m.id, m]));
  for (const [i, c] of (u.metrics ?? []).entries()) {
    const f = (name: string, message: string) => problems.push({ field: `metrics.${i}.${name}`, message, metricId: c.metricId });
    if (!metricsById.has(c.metricId)) {
      f("metricId", "この項目にない指標です");
      continue;
    }
    if (!Number.isInteger(c.fiscalYear) || c.fiscalYear < 2000 || c.fiscalYear > 2100) {
      f("fiscalYear", "年度は西暦の4桁（例：2026）で入力してください");
      continue;
    }
    const key = metricKey(c.metricId, c.fiscalYear);
    const cur = { ...(after.metrics[key] ?? { value: null, target: null }) };
    for (const name of ["value", "target"] as const) {
      const v = c[name];
      if (v === undefined) continue;
      if (v !== null && (typeof v !== "number" || !Number.isFinite(v) || v < 0)) f(name, "0以上の数値を入力してください");
      else cur[name] = v;
    }
    after.metrics[key] = cur;
  }

  if (u.exception) {
    const e = u.exception;
    if (!def.exceptionAllowed) problems.push({ field: "exception.flagged", message: "この取組には移行困難等の区分がありません" });
    else if (e.revisedTarget !== undefined && !dateOk(e.revisedTarget))
      problems.push({ field: "exception.revisedTarget", message: DATE_MSG });
    else {
      after.exception = !!e.flagged;
      if (e.reason !== undefined) after.exceptionReason = e.reason?.trim() || null;
      if (e.revisedTarget !== undefined) after.revisedTarget = e.revisedTarget;
      if (!after.exception && e.reason === undefined) after.exceptionReason = null;
      if (!after.exception && e.revisedTarget === undefined) after.revisedTarget = null;
      if (after.exception && !after.exceptionReason)
        problems.push({ field: "exception.reason", message: "移行困難等とする理由を入力してください" });
      if (after.exception && !after.revisedTarget)
        problems.push({ field: "exception.revisedTarget", message: "見直し後の目標日を入力してください" });
    }
  }
  return { after, problems };
}

type Pair = [unknown, unknown];
export interface RecordChanges {
  steps?: Record<string, Record<string, Pair>>;
  metrics?: Record<string, Record<string, Pair>>;
  record?: Record<string, Pair>;
}

/** What changed between two versions of a record, field by field (the history's before/after). */
export function diffRecord(before: RecordData, after: RecordData): RecordChanges {
  const out: RecordChanges = {};
  for (const [id, a] of Object.entries(after.steps)) {
    const b = before.steps[id] ?? notStarted;
    const d: Record<string, Pair> = {};
    for (const k of ["status", "plannedDate", "actualDate", "option"] as const) if (b[k] !== a[k]) d[k] = [b[k], a[k]];
    if (Object.keys(d).length) out.steps = { ...out.steps, [id]: d };
  }
  for (const [key, a] of Object.entries(after.metrics)) {
    const b = before.metrics[key] ?? { value: null, target: null };
    const d: Record<string, Pair> = {};
    for (const k of ["value", "target"] as const) if (b[k] !== a[k]) d[k] = [b[k], a[k]];
    if (Object.keys(d).length) out.metrics = { ...out.metrics, [key]: d };
  }
  const r: Record<string, Pair> = {};
  for (const k of ["exception", "exceptionReason", "revisedTarget"] as const)
    if (before[k] !== after[k]) r[k] = [before[k], after[k]];
  if (Object.keys(r).length) out.record = r;
  return out;
}

export const hasChanges = (c: RecordChanges) => !!(c.steps || c.metrics || c.record);

/**
 * Undoes changes, newest first, to get a record as it was before them — how one record's
 * "as of" view is rebuilt from the history without storing every step's past in every row.
 */
export function rewindRecord(current: RecordData, newestFirst: RecordChanges[]): RecordData {
  const out: RecordData = {
    steps: { ...current.steps },
    metrics: { ...current.metrics },
    exception: current.exception,
    exceptionReason: current.exceptionReason,
    revisedTarget: current.revisedTarget,
  };
  for (const c of newestFirst) {
    for (const [id, fields] of Object.entries(c.steps ?? {})) {
      const s: Record<string, unknown> = { ...(out.steps[id] ?? notStarted) };
      for (const [k, [before]] of Object.entries(fields)) s[k] = before;
      out.steps[id] = s as unknown as RecordData["steps"][string];
    }
    for (const [key, fields] of Object.entries(c.metrics ?? {})) {
      const m: Record<string, unknown> = { ...(out.metrics[key] ?? { value: null, target: null }) };
      for (const [k, [before]] of Object.entries(fields)) m[k] = before;
      out.metrics[key] = m as unknown as RecordData["metrics"][string];
    }
    for (const [k, [before]] of Object.entries(c.record ?? {})) (out as unknown as Record<string, unknown>)[k] = before;
  }
  return out;
}
