import type { Ctx } from "../../platform/context.js";
import type { ItemDef, MetricDef, RecordData, StepDef } from "./rules.js";
import type {
  ProgressItemsTable,
  ProgressMetricsTable,
  ProgressProgrammesTable,
  ProgressRecordsTable,
  ProgressStepsTable,
} from "./tables.js";

export type ProgrammeRow = ProgressProgrammesTable;
export type ItemRow = ProgressItemsTable;
export type StepRow = ProgressStepsTable;
export type MetricRow = ProgressMetricsTable;
export type RecordRow = ProgressRecordsTable;

/** Municipalities are the organisations that keep progress: cities, towns and villages. */
export const municipalKinds = ["city", "town", "village"] as const;

export const listProgrammeRows = (ctx: Ctx, includeArchived = false) => {
  let q = ctx.db.selectFrom("progress_programmes").selectAll();
  if (!includeArchived) q = q.where("archived", "=", 0);
  return q.orderBy("sort_order").orderBy("name").execute();
};
export const findProgramme = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("progress_programmes").selectAll().where("id", "=", id).executeTakeFirst();
export const findProgrammeByCode = (ctx: Ctx, code: string) =>
  ctx.db.selectFrom("progress_programmes").selectAll().where("code", "=", code).executeTakeFirst();

export const listItemRows = (ctx: Pick<Ctx, "db">, programmeIds: string[], includeArchived = false) => {
  if (!programmeIds.length) return Promise.resolve([] as ItemRow[]);
  let q = ctx.db.selectFrom("progress_items").selectAll().where("programme_id", "in", programmeIds);
  if (!includeArchived) q = q.where("archived", "=", 0);
  return q.orderBy("sort_order").orderBy("code").execute();
};
export const hasArchivedItems = async (ctx: Ctx, programmeId: string) =>
  !!(await ctx.db
    .selectFrom("progress_items")
    .select("id")
    .where("programme_id", "=", programmeId)
    .where("archived", "=", 1)
    .limit(1)
    .executeTakeFirst());
export const findItem = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("progress_items").selectAll().where("id", "=", id).executeTakeFirst();

export async function listStepRows(ctx: Pick<Ctx, "db">, itemIds: string[], includeArchived = false): Promise<StepRow[]> {
  if (!itemIds.length) return [];
  let q = ctx.db.selectFrom("progress_steps").selectAll().where("item_id", "in", itemIds);
  if (!includeArchived) q = q.where("archived", "=", 0);
  return q.orderBy("item_id").orderBy("sort_order").orderBy("code").execute();
}
export async function listMetricRows(ctx: Ctx, itemIds: string[], includeArchived = false): Promise<MetricRow[]> {
  if (!itemIds.length) return [];
  let q = ctx.db.selectFrom("progress_metrics").selectAll().where("item_id", "in", itemIds);
  if (!includeArchived) q = q.where("archived", "=", 0);
  return q.orderBy("item_id").orderBy("sort_order").orderBy("code").execute();
}

const toStepDef = (s: StepRow): StepDef => ({
  id: s.id,
  code: s.code,
  name: s.name,
  options: s.options ? (JSON.parse(s.options) as string[]) : null,
});
const toMetricDef = (m: MetricRow): MetricDef => ({
  id: m.id,
  code: m.code,
  name: m.name,
  unit: m.unit,
  targetDefault: m.target_default,
});

export interface LoadedItem {
  item: ItemRow;
  programme: ProgrammeRow;
  def: ItemDef;
}

/** Items with their programme, steps and metrics, as the rules need them. */
export async function loadItemDefs(ctx: Ctx, itemIds: string[]): Promise<Map<string, LoadedItem>> {
  const out = new Map<string, LoadedItem>();
  const ids = [...new Set(itemIds)];
  if (!ids.length) return out;
  const items = await ctx.db.selectFrom("progress_items").selectAll().where("id", "in", ids).execute();
  const progIds = [...new Set(items.map((i) => i.programme_id))];
  const progs = new Map(
    (await ctx.db.selectFrom("progress_programmes").selectAll().where("id", "in", progIds).execute()).map((p) => [p.id, p]),
  );
  const steps = await listStepRows(ctx, ids);
  const metrics = await listMetricRows(ctx, ids);
  for (const item of items) {
    const programme = progs.get(item.programme_id)!;
    out.set(item.id, {
      item,
      programme,
      def: {
        id: item.id,
        programmeId: item.programme_id,
        tracking: item.tracking,
        deadline: item.deadline ?? programme.deadline,
        exceptionAllowed: !!programme.exception_label,
        steps: steps.filter((s) => s.item_id === item.id).map(toStepDef),
        metrics: metrics.filter((m) => m.item_id === item.id).map(toMetricDef),
      },
    });
  }
  return out;
}

export const recordKey = (orgId: string, itemId: string) => `${orgId}|${itemId}`;

/**
 * The record rows of the given items (and orgs, when given), without their steps and metrics (a town's page
 * shows the counts kept on the row: its 46 records' 550 step states, scattered over the table, are not read).
 * On PostgreSQL with `lock` the rows are locked for the caller's transaction (two editors never interleave).
 */
export async function recordRows(ctx: Ctx, itemIds: string[], orgIds?: string[], opts: { lock?: boolean } = {}) {
  if (!itemIds.length || (orgIds && !orgIds.length)) return [];
  let q = ctx.db.selectFrom("progress_records").selectAll().where("item_id", "in", itemIds);
  if (orgIds) q = q.where("org_id", "in", orgIds);
  if (opts.lock && ctx.engine === "postgres") q = q.forUpdate();
  return q.execute();
}

/** Records for the given items (and orgs, when given) with their step states and metric values (recordRows). */
export async function loadRecords(
  ctx: Ctx,
  itemIds: string[],
  orgIds?: string[],
  opts: { lock?: boolean } = {},
): Promise<Map<string, { row: RecordRow; data: RecordData }>> {
  const out = new Map<string, { row: RecordRow; data: RecordData }>();
  const rows = await recordRows(ctx, itemIds, orgIds, opts);
  const byId = new Map<string, RecordData>();
  for (const row of rows) {
    const data: RecordData = {
      steps: {},
      metrics: {},
      exception: row.exception === 1,
      exceptionReason: row.exception_reason,
      revisedTarget: row.revised_target,
    };
    byId.set(row.id, data);
    out.set(recordKey(row.org_id, row.item_id), { row, data });
  }
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const states = await ctx.db.selectFrom("progress_step_states").selectAll().where("record_id", "in", chunk).execute();
    for (const s of states)
      byId.get(s.record_id)!.steps[s.step_id] = {
        status: s.status,
        plannedDate: s.planned_date,
        actualDate: s.actual_date,
        option: s.option,
      };
    const values = await ctx.db.selectFrom("progress_metric_values").selectAll().where("record_id", "in", chunk).execute();
    for (const v of values)
      byId.get(v.record_id)!.metrics[`${v.metric_id}:${v.fiscal_year}`] = { value: v.value, target: v.target };
  }
  return out;
}

export const listMunicipalOrgs = (ctx: Ctx) =>
  ctx.db
    .selectFrom("orgs")
    .select(["id", "name", "name_en", "kind", "lg_code", "population"])
    .where("kind", "in", [...municipalKinds])
    .orderBy("lg_code")
    .execute();

export const findMetric = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom("progress_metrics as m")
    .innerJoin("progress_items as i", "i.id", "m.item_id")
    .select(["m.id", "m.name", "m.unit", "m.archived", "i.name as item_name"])
    .where("m.id", "=", id)
    .executeTakeFirst();

/** One metric's recorded value for one fiscal year, per organisation (organisations without a record are absent). */
export async function readMetricValues(ctx: Ctx, metricId: string, fiscalYear: number, orgIds: string[]) {
  if (!orgIds.length) return [];
  return ctx.db
    .selectFrom("progress_metric_values as v")
    .innerJoin("progress_records as r", "r.id", "v.record_id")
    .select(["r.org_id", "v.value"])
    .where("v.metric_id", "=", metricId)
    .where("v.fiscal_year", "=", fiscalYear)
    .where("r.org_id", "in", orgIds)
    .execute();
}
