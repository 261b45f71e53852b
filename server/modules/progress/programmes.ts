import type { z } from "zod";
import type {
  itemInput,
  itemPatch,
  metricInput,
  metricPatch,
  programmeInput,
  programmePatch,
  stepInput,
  stepPatch,
} from "../../../shared/api/progress.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { findBodyRow } from "../bodies/index.js";
import * as defs from "./definitions-repo.js";
import { presentItem, presentProgramme } from "./present.js";
import { ensureRecords, recomputeItems, shiftRollupForItem } from "./recompute.js";
import {
  findItem,
  findProgramme,
  findProgrammeByCode,
  type ItemRow,
  listItemRows,
  listMetricRows,
  listProgrammeRows,
  listStepRows,
  type MetricRow,
  type ProgrammeRow,
  type StepRow,
} from "./repo.js";

export async function listProgrammes(ctx: Ctx, opts: { includeArchived?: boolean } = {}) {
  authorize(ctx.actor, "progress.read");
  const rows = await listProgrammeRows(ctx, opts.includeArchived);
  const counts = await defs.countItems(ctx);
  return { items: rows.map((p) => presentProgramme(ctx, p, counts.get(p.id) ?? 0)) };
}

export async function getProgramme(ctx: Ctx, id: string) {
  authorize(ctx.actor, "progress.read");
  const p = await findProgramme(ctx, id);
  if (!p) throw notFound("取組");
  const items = await listItemRows(ctx, [id], true);
  const ids = items.map((i) => i.id);
  const [steps, metrics] = await Promise.all([listStepRows(ctx, ids, true), listMetricRows(ctx, ids, true)]);
  return {
    ...presentProgramme(ctx, p, items.filter((i) => !i.archived).length),
    items: items.map((i) => presentItem(i, steps, metrics)),
  };
}

/** The owning body named in the input, checked to exist (null: council-wide). */
async function owningBody(ctx: Ctx, bodyId: string | null | undefined) {
  if (!bodyId) return null;
  if (!(await findBodyRow(ctx, bodyId)))
    throw invalid("所管の会議体が見つかりません。", [{ path: "bodyId", message: "一覧から会議体を選んでください" }]);
  return bodyId;
}

export async function createProgramme(ctx: Ctx, input: z.infer<typeof programmeInput>) {
  authorize(ctx.actor, "progress.manage");
  return inTx(ctx, async (tx) => {
    if (await findProgrammeByCode(tx, input.code)) throw conflict(`コード ${input.code} の取組はすでにあります。`);
    const now = nowIso();
    const row: ProgrammeRow = {
      id: newId(),
      code: input.code,
      name: input.name,
      name_en: input.nameEn ?? null,
      description: input.description,
      deadline: input.deadline ?? null,
      exception_label: input.exceptionLabel || null,
      lag_threshold: input.lagThreshold,
      sort_order: input.sortOrder,
      archived: 0,
      body_id: await owningBody(tx, input.bodyId),
      created_at: now,
      updated_at: now,
    };
    await defs.insertProgramme(tx, row);
    await recordAudit(tx, "progressProgramme.create", { type: "progress_programme", id: row.id }, { after: input });
    return getProgramme(tx, row.id);
  });
}

export async function updateProgramme(ctx: Ctx, id: string, patch: z.infer<typeof programmePatch>) {
  authorize(ctx.actor, "progress.manage");
  return inTx(ctx, async (tx) => {
    const before = await findProgramme(tx, id);
    if (!before) throw notFound("取組");
    if (patch.code && patch.code !== before.code && (await findProgrammeByCode(tx, patch.code)))
      throw conflict(`コード ${patch.code} の取組はすでにあります。`);
    const next: Partial<ProgrammeRow> = {
      code: patch.code,
      name: patch.name,
      name_en: patch.nameEn,
      description: patch.description,
      deadline: patch.deadline,
      exception_label: patch.exceptionLabel === undefined ? undefined : patch.exceptionLabel || null,
      lag_threshold: patch.lagThreshold,
      sort_order: patch.sortOrder,
      archived: patch.archived === undefined ? undefined : patch.archived ? 1 : 0,
      body_id: patch.bodyId === undefined ? undefined : await owningBody(tx, patch.bodyId),
    };
    const changes = diff(before, next);
    await defs.updateProgrammeRow(tx, id, { ...next, updated_at: nowIso() });
    if (changes.deadline) {
      const items = await listItemRows(tx, [id]);
      await recomputeItems(
        tx,
        items.filter((i) => !i.deadline).map((i) => i.id),
      );
    }
    await recordAudit(tx, "progressProgramme.update", { type: "progress_programme", id }, changes);
    return getProgramme(tx, id);
  });
}

export async function createItem(ctx: Ctx, programmeId: string, input: z.infer<typeof itemInput>) {
  authorize(ctx.actor, "progress.manage");
  return inTx(ctx, async (tx) => {
    const p = await findProgramme(tx, programmeId);
    if (!p) throw notFound("取組");
    if (await defs.findItemByCode(tx, programmeId, input.code)) throw conflict(`コード ${input.code} の項目はすでにあります。`);
    const now = nowIso();
    const row: ItemRow = {
      id: newId(),
      programme_id: programmeId,
      code: input.code,
      name: input.name,
      name_en: input.nameEn ?? null,
      group_label: input.group ?? null,
      tracking: input.tracking,
      deadline: input.deadline ?? null,
      national_target: input.nationalTarget === false ? 0 : 1,
      sort_order: input.sortOrder,
      archived: 0,
      created_at: now,
      updated_at: now,
    };
    await defs.insertItem(tx, row);
    if (input.copyFromItemId) await copyDefinitions(tx, input.copyFromItemId, row);
    await ensureRecords(tx, [row.id]);
    await recordAudit(tx, "progressItem.create", { type: "progress_item", id: row.id }, { after: input });
    return getItemDefinition(tx, row.id);
  });
}

async function copyDefinitions(ctx: Ctx, fromId: string, to: ItemRow) {
  const from = await findItem(ctx, fromId);
  if (!from) throw invalid("コピー元の項目が見つかりません。", [{ path: "copyFromItemId", message: "項目を選び直してください" }]);
  if (from.tracking !== to.tracking)
    throw invalid("記録の方法が同じ項目からだけコピーできます。", [{ path: "copyFromItemId", message: "記録の方法が違います" }]);
  const now = nowIso();
  const stamp = { item_id: to.id, created_at: now, updated_at: now };
  await defs.insertSteps(
    ctx,
    (await listStepRows(ctx, [fromId])).map((s) => ({ ...s, ...stamp, id: newId() })),
  );
  await defs.insertMetrics(
    ctx,
    (await listMetricRows(ctx, [fromId])).map((m) => ({ ...m, ...stamp, id: newId() })),
  );
}

async function getItemDefinition(ctx: Ctx, id: string) {
  authorize(ctx.actor, "progress.read");
  const i = await findItem(ctx, id);
  if (!i) throw notFound("取組項目");
  const [steps, metrics] = await Promise.all([listStepRows(ctx, [id], true), listMetricRows(ctx, [id], true)]);
  return presentItem(i, steps, metrics);
}

export async function updateItem(ctx: Ctx, id: string, patch: z.infer<typeof itemPatch>) {
  authorize(ctx.actor, "progress.manage");
  return inTx(ctx, async (tx) => {
    const before = await findItem(tx, id);
    if (!before) throw notFound("取組項目");
    if (patch.code && patch.code !== before.code && (await defs.findItemByCode(tx, before.programme_id, patch.code)))
      throw conflict(`コード ${patch.code} の項目はすでにあります。`);
    const next: Partial<ItemRow> = {
      code: patch.code,
      name: patch.name,
      name_en: patch.nameEn,
      group_label: patch.group,
      deadline: patch.deadline,
      national_target: patch.nationalTarget === undefined ? undefined : patch.nationalTarget ? 1 : 0,
      sort_order: patch.sortOrder,
      archived: patch.archived === undefined ? undefined : patch.archived ? 1 : 0,
    };
    const changes = diff(before, next);
    await defs.updateItemRow(tx, id, { ...next, updated_at: nowIso() });
    if (changes.deadline) await recomputeItems(tx, [id]);
    if (changes.archived) await shiftRollupForItem(tx, id, next.archived ? -1 : 1);
    // Back in the figures: under the rules of today (an item archived before a rule changed kept the old figures).
    if (changes.archived && !next.archived) await recomputeItems(tx, [id]);
    await recordAudit(tx, "progressItem.update", { type: "progress_item", id }, changes);
    return getItemDefinition(tx, id);
  });
}

async function nextOrder(rows: { sort_order: number }[]) {
  return rows.reduce((m, r) => Math.max(m, r.sort_order), 0) + 1;
}

export async function addStep(ctx: Ctx, itemId: string, input: z.infer<typeof stepInput>) {
  authorize(ctx.actor, "progress.manage");
  return inTx(ctx, async (tx) => {
    const item = await findItem(tx, itemId);
    if (!item) throw notFound("取組項目");
    if (item.tracking !== "steps") throw invalid("この項目は指標で記録します。ステップは追加できません。");
    const existing = await listStepRows(tx, [itemId], true);
    if (existing.some((s) => s.code === input.code)) throw conflict(`コード ${input.code} のステップはすでにあります。`);
    const now = nowIso();
    const row: StepRow = {
      id: newId(),
      item_id: itemId,
      code: input.code,
      name: input.name,
      name_en: input.nameEn ?? null,
      phase: input.phase ?? null,
      options: input.options?.length ? JSON.stringify(input.options) : null,
      sort_order: input.sortOrder ?? (await nextOrder(existing)),
      archived: 0,
      created_at: now,
      updated_at: now,
    };
    await defs.insertSteps(tx, [row]);
    await recomputeItems(tx, [itemId]);
    await recordAudit(tx, "progressStep.create", { type: "progress_step", id: row.id }, { itemId, after: input });
    return getItemDefinition(tx, itemId);
  });
}

export async function updateStep(ctx: Ctx, id: string, patch: z.infer<typeof stepPatch>) {
  authorize(ctx.actor, "progress.manage");
  return inTx(ctx, async (tx) => {
    const before = await defs.findStep(tx, id);
    if (!before) throw notFound("ステップ");
    const next: Partial<StepRow> = {
      code: patch.code,
      name: patch.name,
      name_en: patch.nameEn,
      phase: patch.phase,
      options: patch.options === undefined ? undefined : patch.options?.length ? JSON.stringify(patch.options) : null,
      sort_order: patch.sortOrder,
      archived: patch.archived === undefined ? undefined : patch.archived ? 1 : 0,
    };
    const changes = diff(before, next);
    if (changes.code && (await listStepRows(tx, [before.item_id], true)).some((s) => s.code === patch.code))
      throw conflict(`コード ${patch.code} のステップはすでにあります。`);
    await defs.updateStepRow(tx, id, { ...next, updated_at: nowIso() });
    if (changes.archived) await recomputeItems(tx, [before.item_id]);
    await recordAudit(tx, "progressStep.update", { type: "progress_step", id }, changes);
    return getItemDefinition(tx, before.item_id);
  });
}

export async function addMetric(ctx: Ctx, itemId: string, input: z.infer<typeof metricInput>) {
  authorize(ctx.actor, "progress.manage");
  return inTx(ctx, async (tx) => {
    const item = await findItem(tx, itemId);
    if (!item) throw notFound("取組項目");
    if (item.tracking !== "metrics") throw invalid("この項目はステップで記録します。指標は追加できません。");
    const existing = await listMetricRows(tx, [itemId], true);
    if (existing.some((m) => m.code === input.code)) throw conflict(`コード ${input.code} の指標はすでにあります。`);
    const now = nowIso();
    const row: MetricRow = {
      id: newId(),
      item_id: itemId,
      code: input.code,
      name: input.name,
      name_en: input.nameEn ?? null,
      unit: input.unit,
      target_default: input.targetDefault ?? null,
      sort_order: input.sortOrder ?? (await nextOrder(existing)),
      archived: 0,
      created_at: now,
      updated_at: now,
    };
    await defs.insertMetrics(tx, [row]);
    await recomputeItems(tx, [itemId]);
    await recordAudit(tx, "progressMetric.create", { type: "progress_metric", id: row.id }, { itemId, after: input });
    return getItemDefinition(tx, itemId);
  });
}

export async function updateMetric(ctx: Ctx, id: string, patch: z.infer<typeof metricPatch>) {
  authorize(ctx.actor, "progress.manage");
  return inTx(ctx, async (tx) => {
    const before = await defs.findMetric(tx, id);
    if (!before) throw notFound("指標");
    const next: Partial<MetricRow> = {
      code: patch.code,
      name: patch.name,
      name_en: patch.nameEn,
      unit: patch.unit,
      target_default: patch.targetDefault,
      sort_order: patch.sortOrder,
      archived: patch.archived === undefined ? undefined : patch.archived ? 1 : 0,
    };
    const changes = diff(before, next);
    if (changes.code && (await listMetricRows(tx, [before.item_id], true)).some((m) => m.code === patch.code))
      throw conflict(`コード ${patch.code} の指標はすでにあります。`);
    await defs.updateMetricRow(tx, id, { ...next, updated_at: nowIso() });
    if (changes.archived || changes.target_default) await recomputeItems(tx, [before.item_id]);
    await recordAudit(tx, "progressMetric.update", { type: "progress_metric", id }, changes);
    return getItemDefinition(tx, before.item_id);
  });
}
