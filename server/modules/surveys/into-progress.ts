import type { ProgressApplyResult, ProgressChange, ProgressMapResponse } from "../../../shared/api/surveys-progress.js";
import type { FieldIssue } from "../../../shared/errors.js";
import { allQuestions, type Definition, type Question } from "../../../shared/surveys/definition.js";
import {
  type ProgressMapping,
  type ProgressTarget,
  progressTargetLabels,
  stepStatusLabels,
  targetFits,
} from "../../../shared/surveys/progress-map.js";
import { type AnswerData, type GridValue, isEmptyValue } from "../../../shared/surveys/rules.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { conflict, invalid } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { applyProgressUpdates, listProgressItems, type ProgressUpdate } from "../progress/service.js";
import { loadSurvey } from "./access.js";
import { findProgressMap, markProgressMapApplied, upsertProgressMap } from "./progress-map-repo.js";
import { userNames } from "./repo.js";
import { resultRows } from "./results.js";

type Item = Awaited<ReturnType<typeof listProgressItems>>[number];

export async function getProgressMap(ctx: Ctx, id: string): Promise<ProgressMapResponse> {
  const { subject } = await loadSurvey(ctx, id);
  authorize(ctx.actor, "survey.mapProgress", subject);
  const row = await findProgressMap(ctx, id);
  const names = await userNames(ctx, [row?.applied_by ?? null]);
  return {
    mapping: row ? (JSON.parse(row.mapping) as ProgressMapping) : null,
    updatedAt: row?.updated_at ?? null,
    appliedAt: row?.applied_at ?? null,
    appliedBy: row?.applied_by ? { id: row.applied_by, name: names.get(row.applied_by) ?? "" } : null,
  };
}

/** Checks a mapping against the survey's questions and the programme's items, steps and metrics. */
function mappingIssues(def: Definition, m: ProgressMapping, items: Map<string, Item>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const questions = new Map(allQuestions(def).map((q) => [q.id, q]));
  const checkTarget = (path: string, kind: string, t: ProgressTarget, itemIds: string[]) => {
    if (!targetFits[t.kind].includes(kind))
      issues.push({ path, message: `この設問の形式は「${progressTargetLabels[t.kind]}」に反映できません` });
    for (const itemId of itemIds) {
      const item = items.get(itemId);
      if (!item) continue;
      if ("stepCode" in t && !item.steps.some((s) => s.code === t.stepCode))
        issues.push({ path, message: `「${item.name}」にこのステップがありません` });
      if ("metricCode" in t && !item.metrics.some((x) => x.code === t.metricCode))
        issues.push({ path, message: `「${item.name}」にこの指標がありません` });
    }
  };
  m.grids.forEach((g, gi) => {
    const q = questions.get(g.questionId);
    if (q?.kind !== "grid") {
      issues.push({ path: `grids.${gi}.questionId`, message: "表（グリッド）の設問を選んでください" });
      return;
    }
    for (const [rowId, itemId] of Object.entries(g.rows)) {
      if (!q.rows.some((r) => r.id === rowId)) issues.push({ path: `grids.${gi}.rows.${rowId}`, message: "表にない行です" });
      if (!items.has(itemId)) issues.push({ path: `grids.${gi}.rows.${rowId}`, message: "この取組にない項目です" });
    }
    g.columns.forEach((c, ci) => {
      const col = q.columns.find((x) => x.id === c.columnId);
      if (!col) issues.push({ path: `grids.${gi}.columns.${ci}.columnId`, message: "表にない列です" });
      else checkTarget(`grids.${gi}.columns.${ci}.target`, col.kind, c.target, Object.values(g.rows));
    });
  });
  m.questions.forEach((x, i) => {
    const q = questions.get(x.questionId);
    if (!q || q.kind === "grid") {
      issues.push({ path: `questions.${i}.questionId`, message: "設問を選び直してください" });
      return;
    }
    if (!items.has(x.itemId)) issues.push({ path: `questions.${i}.itemId`, message: "この取組にない項目です" });
    checkTarget(`questions.${i}.target`, q.kind, x.target, [x.itemId]);
  });
  return issues;
}

const itemsOf = async (ctx: Ctx, programmeId: string) =>
  new Map((await listProgressItems(ctx, { programmeId })).map((i) => [i.id, i]));

export async function saveProgressMap(ctx: Ctx, id: string, mapping: ProgressMapping): Promise<ProgressMapResponse> {
  return inTx(ctx, async (tx) => {
    const { def, subject } = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.mapProgress", subject);
    const items = await itemsOf(tx, mapping.programmeId);
    if (!items.size) throw invalid("取組が見つかりません。", [{ path: "programmeId", message: "取組を選び直してください" }]);
    const issues = mappingIssues(def, mapping, items);
    if (issues.length) throw invalid("進捗への対応づけを確認してください。", issues);
    const now = nowIso();
    const value = { mapping: JSON.stringify(mapping), updated_at: now, updated_by: tx.actor.userId };
    await upsertProgressMap(tx, id, value);
    await recordAudit(
      tx,
      "survey.mapProgress",
      { type: "survey", id },
      {
        programmeId: mapping.programmeId,
        grids: mapping.grids.length,
        questions: mapping.questions.length,
      },
    );
    return getProgressMap(tx, id);
  });
}

/** The value of an answer as a key of a status map: option id, "true"/"false", "__other__". */
const valueKey = (v: unknown) => (typeof v === "boolean" ? String(v) : typeof v === "string" ? v : "__other__");

/** Adds what one answer value says about one item to that item's update. */
function addTarget(u: ProgressUpdate, item: Item, t: ProgressTarget, v: unknown) {
  if (isEmptyValue(v)) return;
  if (t.kind === "metricValue") {
    const metric = item.metrics.find((m) => m.code === t.metricCode);
    if (metric && typeof v === "number")
      u.metrics = [...(u.metrics ?? []), { metricId: metric.id, fiscalYear: t.fiscalYear, value: v }];
    return;
  }
  const step = item.steps.find((s) => s.code === t.stepCode);
  if (!step) return;
  u.steps ??= [];
  let change = u.steps.find((c) => c.stepId === step.id);
  if (!change) {
    change = { stepId: step.id };
    u.steps.push(change);
  }
  if (t.kind === "stepStatus") {
    const status = t.values[valueKey(v)];
    if (status) change.status = status;
  } else if (t.kind === "stepPlannedDate") change.plannedDate = String(v);
  else change.actualDate = String(v);
}

/** One progress update per (organisation, item) from the submitted answers, labelled for error messages. */
function buildUpdates(
  def: Definition,
  m: ProgressMapping,
  items: Map<string, Item>,
  answers: { org: { id: string; name: string }; data: AnswerData }[],
  note: string,
): ProgressUpdate[] {
  const questions = new Map(allQuestions(def).map((q) => [q.id, q]));
  const out: ProgressUpdate[] = [];
  for (const a of answers) {
    const perItem = new Map<string, ProgressUpdate>();
    const updateFor = (itemId: string, label: string) => {
      let u = perItem.get(itemId);
      if (!u) {
        u = { orgId: a.org.id, itemId, note, ref: `${a.org.name}・${label}` };
        perItem.set(itemId, u);
      }
      return u;
    };
    for (const g of m.grids) {
      const q = questions.get(g.questionId) as Extract<Question, { kind: "grid" }>;
      const grid = (a.data[g.questionId] ?? {}) as GridValue;
      for (const [rowId, itemId] of Object.entries(g.rows)) {
        const item = items.get(itemId);
        if (!item || !grid[rowId]) continue;
        const u = updateFor(itemId, q.rows.find((r) => r.id === rowId)?.label ?? rowId);
        for (const c of g.columns) addTarget(u, item, c.target, grid[rowId][c.columnId]);
      }
    }
    for (const x of m.questions) {
      const item = items.get(x.itemId);
      if (item) addTarget(updateFor(x.itemId, item.name), item, x.target, a.data[x.questionId]);
    }
    out.push(...[...perItem.values()].filter((u) => u.steps?.length || u.metrics?.length));
  }
  return out;
}

const show = (v: unknown) =>
  v == null
    ? "—"
    : typeof v === "string" && v in stepStatusLabels
      ? stepStatusLabels[v as keyof typeof stepStatusLabels]
      : String(v);
const fieldLabels: Record<string, string> = {
  status: "状況",
  plannedDate: "予定日",
  actualDate: "実績日",
  option: "方法",
  value: "値",
  target: "目標",
};

/** Previews (dryRun) or applies the mapped answers to the municipalities' progress rows, all or nothing. */
export async function applyToProgress(ctx: Ctx, id: string, dryRun: boolean): Promise<ProgressApplyResult> {
  const { row, def, subject } = await loadSurvey(ctx, id);
  authorize(ctx.actor, "survey.mapProgress", subject);
  const map = await findProgressMap(ctx, id);
  if (!map) throw conflict("先に、回答を進捗のどの項目に反映するかを設定してください。");
  const mapping = JSON.parse(map.mapping) as ProgressMapping;
  const items = await itemsOf(ctx, mapping.programmeId);
  const answers = [];
  for await (const r of resultRows(ctx, { row, def, subject, target: undefined }, { include: "submitted" })) answers.push(r);
  const updates = buildUpdates(def, mapping, items, answers, `照会「${row.title}」の回答から反映`);
  const run = async (tx: Ctx) => {
    // A note alone counts as a change in progress; so the first pass has none, and only the records
    // that really change get the note — applying the same answers twice writes nothing the second time.
    const bare = updates.map(({ note: _n, ...u }) => u);
    const result = await applyProgressUpdates(tx, bare, { source: "survey", dryRun: true, onForbidden: "issue" });
    if (dryRun) return result;
    if (result.issues.length)
      throw invalid(`${result.issues.length}件の誤りがあります。進捗には何も反映していません。`, result.issues);
    const changed = new Set(result.changes.map((c) => `${c.orgId}|${c.itemId}`));
    const toWrite = updates.filter((u) => changed.has(`${u.orgId}|${u.itemId}`));
    const written = await applyProgressUpdates(tx, toWrite, { source: "survey", onForbidden: "issue" });
    await markProgressMapApplied(tx, id, nowIso(), tx.actor!.userId);
    await recordAudit(
      tx,
      "survey.applyProgress",
      { type: "survey", id },
      {
        answers: answers.length,
        applied: written.applied,
        unchanged: result.unchanged,
      },
    );
    return { ...written, unchanged: result.unchanged };
  };
  const result = dryRun ? await run(ctx) : await inTx(ctx, run);
  const orgNames = new Map(answers.map((a) => [a.org.id, a.org.name]));
  const steps = new Map([...items.values()].flatMap((i) => i.steps.map((s) => [s.id, s.name] as const)));
  const metrics = new Map([...items.values()].flatMap((i) => i.metrics.map((m) => [m.id, m.name] as const)));
  const changes: ProgressChange[] = result.changes.map((c) => ({
    org: { id: c.orgId, name: orgNames.get(c.orgId) ?? "" },
    item: { id: c.itemId, name: items.get(c.itemId)?.name ?? "" },
    pctBefore: c.pctBefore,
    pctAfter: c.pctAfter,
    fields: [
      ...Object.entries(c.changes.steps ?? {}).flatMap(([stepId, f]) =>
        Object.entries(f).map(([k, [b, a]]) => ({
          label: `${steps.get(stepId) ?? ""}・${fieldLabels[k] ?? k}`,
          before: show(b),
          after: show(a),
        })),
      ),
      ...Object.entries(c.changes.metrics ?? {}).flatMap(([key, f]) =>
        Object.entries(f).map(([k, [b, a]]) => {
          const [metricId, fy] = key.split(":");
          return {
            label: `${metrics.get(metricId!) ?? ""}（${fy}年度）・${fieldLabels[k] ?? k}`,
            before: show(b),
            after: show(a),
          };
        }),
      ),
    ],
  }));
  return {
    dryRun,
    answers: answers.length,
    applied: result.applied,
    unchanged: result.unchanged,
    issues: result.issues,
    changes,
  };
}
