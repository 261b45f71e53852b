import type { z } from "zod";
import type {
  AllocationRow,
  compareQuery,
  correctionInput,
  ScenarioDetail,
  scenarioInput,
  scenarioPatch,
} from "../../../shared/api/procurement.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { AppError, conflict, invalid } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { visibleProject, visibleScenario } from "./access.js";
import { allocateFor, computeScenario, type Inputs } from "./compute.js";
import type { ProjectSubject } from "./policy.js";
import { presentScenario, supersededIds } from "./present.js";
import {
  insertScenario,
  listScenarioRows,
  nextScenarioVersion,
  type ParticipantRow,
  type ScenarioRow,
  updateDraftScenario,
  userNames,
} from "./repo.js";

const frozenRefusal = () =>
  conflict(
    "合意済み（確定）の按分は変更できません。訂正が必要な場合は「訂正版を作成」から理由を添えて新しい版を作成してください。",
  );

/** Refuses a scenario whose allocation cannot be computed, naming the participant and the field. */
function assertAllocates(
  fiscalYear: number,
  total: number,
  rule: ScenarioDetail["rule"],
  inputs: Inputs,
  participants: ParticipantRow[],
) {
  const { problems } = allocateFor(fiscalYear, total, rule, inputs, participants);
  if (problems.length) throw invalid(`按分を計算できません。${problems.map((p) => p.message).join(" ")}`, problems);
}

/** The rows the actor may see: the whole table, or their own organisation's row. */
function visibleRows(ctx: Ctx, subject: ProjectSubject, rows: AllocationRow[]) {
  const all = can(ctx.actor, "procurement.seeTable", subject);
  return {
    view: all ? ("all" as const) : ("own" as const),
    rows: all ? rows : rows.filter((r) => r.org.id === ctx.actor?.orgId),
  };
}

export async function getScenario(ctx: Ctx, id: string): Promise<ScenarioDetail> {
  const { scenario: s, row, participants, subject } = await visibleScenario(ctx, id);
  const siblings = await listScenarioRows(ctx, row.id);
  const names = await userNames(ctx, s.frozen_by ? [s.frozen_by] : []);
  const { rows, problems } = computeScenario(s, participants);
  const canEdit = can(ctx.actor, "procurement.edit", subject);
  const seen = visibleRows(ctx, subject, rows);
  const inputs = JSON.parse(s.inputs) as Inputs;
  return {
    ...presentScenario(s, supersededIds(siblings), names),
    project: { id: row.id, name: row.name },
    rule: JSON.parse(s.rule),
    inputs: seen.view === "all" ? inputs : Object.fromEntries(Object.entries(inputs).filter(([k]) => k === ctx.actor?.orgId)),
    view: seen.view,
    rows: seen.rows,
    problems: seen.view === "all" ? problems : problems.length ? [{ path: "", message: "按分はまだ計算できません。" }] : [],
    abilities: {
      canEdit: canEdit && s.status === "draft",
      canFreeze: canEdit && s.status === "draft" && !problems.length,
      canCorrect: canEdit && s.status === "frozen",
    },
  };
}

export async function createScenario(ctx: Ctx, projectId: string, input: z.infer<typeof scenarioInput>): Promise<ScenarioDetail> {
  const { row, participants, subject } = await visibleProject(ctx, projectId);
  authorize(ctx.actor, "procurement.edit", subject);
  if (input.fiscalYear < row.fiscal_year_from || input.fiscalYear > row.fiscal_year_to)
    throw invalid("事業の期間外の年度です。", [
      {
        path: "fiscalYear",
        message: `${fiscalYearLabel(row.fiscal_year_from)}から${fiscalYearLabel(row.fiscal_year_to)}までの年度を選んでください`,
      },
    ]);
  assertAllocates(input.fiscalYear, input.total, input.rule, input.inputs, participants);
  const id = newId();
  await inTx(ctx, async (tx) => {
    const now = nowIso();
    await insertScenario(tx, {
      id,
      project_id: projectId,
      fiscal_year: input.fiscalYear,
      name: input.name,
      version: await nextScenarioVersion(tx, projectId, input.fiscalYear),
      status: "draft",
      total: input.total,
      rule: JSON.stringify(input.rule),
      inputs: JSON.stringify(input.inputs),
      result: null,
      supersedes_id: null,
      reason: null,
      created_by: ctx.actor!.userId,
      created_at: now,
      updated_at: now,
      frozen_by: null,
      frozen_at: null,
    });
    await recordAudit(
      tx,
      "procurement.scenario.create",
      { type: "procurement_scenario", id },
      {
        projectId,
        fiscalYear: input.fiscalYear,
        name: input.name,
        total: input.total,
        rule: input.rule,
      },
    );
  });
  return getScenario(ctx, id);
}

async function editableScenario(ctx: Ctx, id: string) {
  const loaded = await visibleScenario(ctx, id);
  authorize(ctx.actor, "procurement.edit", loaded.subject);
  return loaded;
}

export async function updateScenario(ctx: Ctx, id: string, patch: z.infer<typeof scenarioPatch>): Promise<ScenarioDetail> {
  const { scenario: s, participants } = await editableScenario(ctx, id);
  if (s.status === "frozen") throw frozenRefusal();
  const next = {
    name: patch.name ?? s.name,
    total: patch.total ?? Number(s.total),
    rule: patch.rule ?? JSON.parse(s.rule),
    inputs: patch.inputs ?? (JSON.parse(s.inputs) as Inputs),
  };
  assertAllocates(s.fiscal_year, next.total, next.rule, next.inputs, participants);
  const before = { name: s.name, total: Number(s.total), rule: JSON.parse(s.rule), inputs: JSON.parse(s.inputs) };
  const changes = Object.fromEntries(
    (Object.keys(next) as (keyof typeof next)[])
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]))
      .map((k) => [k, [before[k], next[k]]]),
  );
  if (!Object.keys(changes).length) throw invalid("変更された項目がありません。");
  await inTx(ctx, async (tx) => {
    const n = await updateDraftScenario(tx, id, {
      name: next.name,
      total: next.total,
      rule: JSON.stringify(next.rule),
      inputs: JSON.stringify(next.inputs),
      updated_at: nowIso(),
    });
    if (n !== 1) throw frozenRefusal();
    await recordAudit(tx, "procurement.scenario.update", { type: "procurement_scenario", id }, changes);
  });
  return getScenario(ctx, id);
}

/** Sets the usage figures of a draft (from a spreadsheet, a progress metric or a survey), keeping the bounds. */
export async function setUsage(
  ctx: Ctx,
  id: string,
  usage: Map<string, string>,
  source: ScenarioDetail["rule"]["usageSource"],
  label: string,
) {
  const { scenario: s } = await editableScenario(ctx, id);
  if (s.status === "frozen") throw frozenRefusal();
  const inputs = JSON.parse(s.inputs) as Inputs;
  for (const [orgId, value] of usage) inputs[orgId] = { min: null, max: null, ...inputs[orgId], usage: value };
  return updateScenario(ctx, id, { inputs, rule: { ...JSON.parse(s.rule), usageSource: source, usageLabel: label } });
}

/** Freezes a draft as the agreed allocation of its fiscal year: the figures it used are stored with it. */
export async function freezeScenario(ctx: Ctx, id: string): Promise<ScenarioDetail> {
  const { scenario: s, participants, row } = await editableScenario(ctx, id);
  if (s.status === "frozen") throw frozenRefusal();
  const { rows, problems } = computeScenario(s, participants);
  if (problems.length) throw invalid(`按分を計算できません。${problems.map((p) => p.message).join(" ")}`, problems);
  const siblings = await listScenarioRows(ctx, row.id);
  const superseded = supersededIds(siblings);
  const agreed = siblings.find((x) => x.fiscal_year === s.fiscal_year && x.status === "frozen" && !superseded.has(x.id));
  if (agreed && s.supersedes_id !== agreed.id)
    throw conflict(
      `${fiscalYearLabel(s.fiscal_year)}は「${agreed.name}」（第${agreed.version}版）で合意済みです。変更する場合は、その版から訂正版を作成してください。`,
    );
  await inTx(ctx, async (tx) => {
    const n = await updateDraftScenario(tx, id, {
      status: "frozen",
      result: JSON.stringify(rows),
      frozen_by: ctx.actor!.userId,
      frozen_at: nowIso(),
      updated_at: nowIso(),
    });
    if (n !== 1) throw frozenRefusal();
    await recordAudit(
      tx,
      "procurement.scenario.freeze",
      { type: "procurement_scenario", id },
      {
        fiscalYear: s.fiscal_year,
        version: s.version,
        total: Number(s.total),
        supersedes: s.supersedes_id,
        amounts: Object.fromEntries(rows.map((r) => [r.org.name, r.amount])),
      },
    );
  });
  return getScenario(ctx, id);
}

/** A correction of a frozen allocation: a new draft version carrying the reason; the frozen one stays as it was. */
export async function correctScenario(ctx: Ctx, id: string, input: z.infer<typeof correctionInput>): Promise<ScenarioDetail> {
  const { scenario: s } = await editableScenario(ctx, id);
  if (s.status !== "frozen")
    throw invalid("訂正版は合意済み（確定）の按分から作成します。", [
      { path: "reason", message: "確定済みの版を選んでください" },
    ]);
  const newIdValue = newId();
  await inTx(ctx, async (tx) => {
    const now = nowIso();
    const version = await nextScenarioVersion(tx, s.project_id, s.fiscal_year);
    const copy: ScenarioRow = {
      ...s,
      id: newIdValue,
      name: `${s.name.replace(/（訂正第\d+版）$/, "")}（訂正第${version}版）`,
      version,
      status: "draft",
      result: null,
      supersedes_id: s.id,
      reason: input.reason,
      created_by: ctx.actor!.userId,
      created_at: now,
      updated_at: now,
      frozen_by: null,
      frozen_at: null,
    };
    await insertScenario(tx, copy);
    await recordAudit(
      tx,
      "procurement.scenario.correct",
      { type: "procurement_scenario", id: newIdValue },
      {
        supersedes: s.id,
        reason: input.reason,
        version,
      },
    );
  });
  return getScenario(ctx, newIdValue);
}

/** Two scenarios side by side, per participant, with the difference (b − a). */
export async function compareScenarios(ctx: Ctx, q: z.infer<typeof compareQuery>) {
  const [a, b] = await Promise.all([getScenario(ctx, q.a), getScenario(ctx, q.b)]);
  if (a.project.id !== b.project.id) throw new AppError("BAD_REQUEST", "同じ事業の按分案どうしを比較してください。");
  const orgs = new Map([...a.rows, ...b.rows].map((r) => [r.org.id, r.org]));
  const amount = (rows: AllocationRow[], orgId: string) => rows.find((r) => r.org.id === orgId)?.amount ?? null;
  return {
    a,
    b,
    rows: [...orgs.values()].map((org) => {
      const x = amount(a.rows, org.id);
      const y = amount(b.rows, org.id);
      return { org, a: x, b: y, difference: (y ?? 0) - (x ?? 0) };
    }),
  };
}
