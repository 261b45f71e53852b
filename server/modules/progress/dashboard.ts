import { z } from "zod";
import {
  BEHIND_LISTED,
  cellMark,
  type Dashboard,
  type DashboardQuery,
  dashboard,
  type Matrix,
} from "../../../shared/api/progress-views.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { getSettings } from "../settings/service.js";
import { onlineFigures } from "./online.js";
import "./policy.js";
import { toPercent } from "./present.js";
import { findProgramme, hasArchivedItems, listItemRows, listMunicipalOrgs, listProgrammeRows } from "./repo.js";
import { behindPlan, isOverdue, trendFromDeltas } from "./rules.js";
import { aggregateCells, type CellState, type ItemAgg, type OrgAgg, readRollup } from "./state-repo.js";
import { countBefore, eachProgrammeCell, readItemTotals, readOrgTotals } from "./totals-repo.js";
import { cachedBody, cachedView } from "./view-cache.js";

/**
 * Municipalities in the comparison: by kind and by size (the small threshold is a setting). The list, each
 * marked small or not, is kept in memory (view-cache.ts: a change of the settings computes it anew).
 */
export async function filteredOrgs(ctx: Ctx, q: Pick<DashboardQuery, "kind" | "small">) {
  const { smallMunicipalityThreshold: t } = await getSettings(ctx);
  const all = await cachedView(ctx, `orgs|${t}`, async () =>
    (await listMunicipalOrgs(ctx)).map((o) => ({ ...o, isSmall: o.population != null && o.population < t })),
  );
  const orgs =
    q.kind || q.small
      ? all.filter((o) => (!q.kind || o.kind === q.kind) && (!q.small || o.isSmall === (q.small === "true")))
      : all;
  return { threshold: t, orgs, filtered: orgs.length !== all.length };
}

/** The programme asked for (or the first), its items and the municipalities compared; "as of" only for a past day. */
async function scope(ctx: Ctx, q: DashboardQuery) {
  authorize(ctx.actor, "progress.read");
  const programmes = await listProgrammeRows(ctx);
  const p = q.programmeId ? await findProgramme(ctx, q.programmeId) : programmes[0];
  if (q.programmeId && !p) throw notFound("取組");
  const today = jstDate();
  const asOf = q.asOf && q.asOf < today ? q.asOf : null;
  const items = p ? await listItemRows(ctx, [p.id]) : [];
  return { programmes, p, today, asOf, day: asOf ?? today, items, ...(await filteredOrgs(ctx, q)) };
}

/**
 * The prefecture-wide summary for one programme: overall, per-municipality and per-item percentages,
 * the month-by-month trend and who is behind plan — now or as of the end of a past day, from the
 * municipalities' cells maintained on each write (totals-repo.ts), computed once per change of the
 * data it reads (view-cache.ts). The heatmap's cells come from getMatrix.
 */
export async function getDashboard(ctx: Ctx, q: DashboardQuery): Promise<Dashboard> {
  authorize(ctx.actor, "progress.read");
  const abilities = {
    canManage: can(ctx.actor, "progress.manage"),
    canImport: can(ctx.actor, "progress.import"),
    canEditAll: can(ctx.actor, "progress.update", { orgId: "" }),
    canEditOrgId: can(ctx.actor, "progress.update", { orgId: ctx.actor!.orgId }) ? ctx.actor!.orgId : null,
  };
  return cachedView(
    ctx,
    `dashboard|${JSON.stringify(q)}|${JSON.stringify(abilities)}`,
    () => computeDashboard(ctx, q, abilities),
    q.asOf,
  );
}

/**
 * The summary and the heatmap as JSON bytes, once per change (the routes send the bytes as they are: 1,741
 * municipalities are not encoded again on each request). The summary goes through its response contract.
 * The heatmap is ids and numbers only, built field by field as its type (computeMatrix): checking its 35,000
 * cells and their flags through the contract took 16 ms of each heatmap as of a day not asked before, three
 * times JSON's own time (dashboard.test.ts parses it with the contract).
 */
export async function getDashboardBody(ctx: Ctx, q: DashboardQuery): Promise<Buffer> {
  const value = await getDashboard(ctx, q);
  return cachedBody(value, () => JSON.stringify(z.encode(dashboard, value)));
}
export async function getMatrixBody(ctx: Ctx, q: DashboardQuery): Promise<Buffer> {
  const value = await getMatrix(ctx, q);
  return cachedBody(value, () => JSON.stringify(value));
}

async function computeDashboard(ctx: Ctx, q: DashboardQuery, abilitiesOut: Dashboard["abilities"]): Promise<Dashboard> {
  const { programmes, p, today, asOf, day, items, orgs, filtered } = await scope(ctx, q);
  const base = {
    programmes: programmes.map((x) => ({ id: x.id, code: x.code, name: x.name })),
    asOf,
    today,
    abilities: abilitiesOut,
  };
  if (!p)
    return {
      ...base,
      programme: null,
      items: [],
      orgs: [],
      overall: null,
      median: null,
      online: null,
      trend: [],
      behindCount: 0,
      behind: [],
    };
  const itemIds = items.map((i) => i.id);
  const orgSet = new Set(orgs.map((o) => o.id));
  const agg = await aggregateProgramme(ctx, p.id, itemIds, orgs, { asOf, day, filtered });
  const byOrg = new Map(agg.orgs.map((a) => [a.orgId, a]));
  const byItem = new Map(agg.items.map((a) => [a.itemId, a]));
  const mean = (a?: { sum: number; n: number }) => (a?.n ? a.sum / a.n : null);
  const standings = orgs.map((o) => {
    const a = byOrg.get(o.id);
    return { orgId: o.id, isSmall: o.isSmall, population: o.population, pct: mean(a), overdueItems: a?.overdue ?? 0 };
  });
  const total = agg.orgs.reduce((t, a) => ({ sum: t.sum + a.sum, n: t.n + a.n }), { sum: 0, n: 0 });
  const overall = mean(total);
  const rollup = await readRollup(ctx, p.id, filtered ? [...orgSet] : undefined);
  const trend = trendFromDeltas(rollup, { until: day.slice(0, 7) });
  // The last point is the exact figure shown above (the month-end of the rollup, archived items aside).
  if (trend.length) trend[trend.length - 1]!.pct = overall;
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const behind = behindPlan(standings, {
    lagThreshold: p.lag_threshold,
    smallFirst: q.smallFirst === "true",
    limit: BEHIND_LISTED,
  });
  return {
    ...base,
    programme: {
      id: p.id,
      code: p.code,
      name: p.name,
      deadline: p.deadline,
      exceptionLabel: p.exception_label,
      lagThreshold: p.lag_threshold,
    },
    items: items.map((it) => ({
      id: it.id,
      code: it.code,
      name: it.name,
      group: it.group_label,
      pct: toPercent(mean(byItem.get(it.id))),
    })),
    orgs: orgs.map((o, i) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      lgCode: o.lg_code,
      population: o.population,
      isSmall: o.isSmall,
      pct: toPercent(standings[i]!.pct),
      overdueItems: standings[i]!.overdueItems,
      exceptionItems: byOrg.get(o.id)?.exceptions ?? 0,
    })),
    overall: toPercent(overall),
    median: toPercent(behind.median),
    online: await onlineFigures(ctx, itemIds, [...orgSet], asOf, p.id),
    trend: trend.map((t) => ({ month: t.month, pct: toPercent(t.pct) })),
    behindCount: behind.count,
    behind: behind.list.map((b) => ({
      orgId: b.orgId,
      name: names.get(b.orgId)!,
      isSmall: b.isSmall,
      pct: toPercent(b.pct),
      overdueItems: b.overdueItems,
      medianGap: toPercent(b.medianGap),
      reasons: b.reasons,
    })),
  };
}

/**
 * Per-municipality and per-item totals, now or as of a day: from the maintained totals (one row per
 * municipality and per item) — or, for what they cannot answer (the items of some municipalities only,
 * a municipality's figures without its archived items), from the municipalities' cells.
 */
export async function aggregateProgramme(
  ctx: Ctx,
  programmeId: string,
  itemIds: string[],
  orgs: { id: string }[],
  o: { asOf: string | null; day: string; filtered: boolean },
): Promise<{ orgs: OrgAgg[]; items: ItemAgg[] }> {
  const archived = await hasArchivedItems(ctx, programmeId);
  const orgSet = new Set(orgs.map((x) => x.id));
  const itemSet = new Set(itemIds);
  let fromCells: { orgs: OrgAgg[]; items: ItemAgg[] } | null = null;
  if (archived || o.filtered) {
    const cells: CellState[] = [];
    await eachProgrammeCell(
      ctx,
      programmeId,
      o.asOf,
      (orgId, itemId, pct, dueDate, exception) => cells.push({ orgId, itemId, pct, dueDate, exception }),
      o.filtered ? [...orgSet] : undefined,
    );
    fromCells = aggregateCells(cells, o.day, (c) => orgSet.has(c.orgId) && itemSet.has(c.itemId));
  }
  const orgAgg =
    archived && fromCells
      ? fromCells.orgs
      : (await readOrgTotals(ctx, programmeId, o.asOf))
          .filter((t) => orgSet.has(t.orgId))
          .map((t) => ({ orgId: t.orgId, sum: t.sum, n: t.n, overdue: countBefore(t.dues, o.day), exceptions: t.exceptions }));
  const itemAgg =
    o.filtered && fromCells
      ? fromCells.items
      : [...(await readItemTotals(ctx, itemIds, o.asOf))].map(([itemId, t]) => ({ itemId, ...t }));
  return { orgs: orgAgg, items: itemAgg };
}

/** The heatmap: every cell of the programme for the municipalities compared, in the summary's order. */
export async function getMatrix(ctx: Ctx, q: DashboardQuery): Promise<Matrix> {
  authorize(ctx.actor, "progress.read");
  return cachedView(ctx, `matrix|${JSON.stringify(q)}`, () => computeMatrix(ctx, q), q.asOf);
}

async function computeMatrix(ctx: Ctx, q: DashboardQuery): Promise<Matrix> {
  const { p, asOf, day, items, orgs } = await scope(ctx, q);
  const out: Matrix = {
    asOf,
    orgIds: orgs.map((o) => o.id),
    itemIds: items.map((i) => i.id),
    cells: [],
    marks: [],
  };
  if (!p) return out;
  const orgIndex = new Map(orgs.map((o, i) => [o.id, i]));
  const itemIndex = new Map(items.map((it, i) => [it.id, i]));
  out.cells = orgs.map(() => items.map(() => null));
  const marks = orgs.map(() => new Uint8Array(items.length).fill(48)); // "0" a cell
  await eachProgrammeCell(ctx, p.id, asOf, (orgId, itemId, pct, dueDate, exception) => {
    const oi = orgIndex.get(orgId);
    const ii = itemIndex.get(itemId);
    if (oi === undefined || ii === undefined) return;
    out.cells[oi]![ii] = toPercent(pct);
    if (isOverdue(dueDate, day)) marks[oi]![ii]! += cellMark.overdue;
    if (exception) marks[oi]![ii]! += cellMark.exception;
  });
  out.marks = marks.map((m) => String.fromCharCode(...m));
  return out;
}
