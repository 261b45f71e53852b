import type { Dashboard, DashboardQuery } from "../../../shared/api/progress-views.js";
import { jstDate } from "../../../shared/dates/calendar.js";
import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { getSettings } from "../settings/service.js";
import "./policy.js";
import { toPercent } from "./present.js";
import { findProgramme, listItemRows, listMunicipalOrgs, listProgrammeRows } from "./repo.js";
import { behindPlan, isOverdue, meanPct, median, trendFromDeltas } from "./rules.js";
import { readCells, readRollup } from "./state-repo.js";

/** Municipalities in the comparison: by kind and by size (the small threshold is a setting). */
export async function filteredOrgs(ctx: Ctx, q: Pick<DashboardQuery, "kind" | "small">) {
  const { smallMunicipalityThreshold: t } = await getSettings(ctx);
  const orgs = (await listMunicipalOrgs(ctx)).map((o) => ({ ...o, isSmall: o.population != null && o.population < t }));
  return {
    threshold: t,
    orgs: orgs.filter((o) => (!q.kind || o.kind === q.kind) && (!q.small || o.isSmall === (q.small === "true"))),
  };
}

/**
 * The prefecture-wide dashboard for one programme: the municipalities × items matrix, overall and
 * per-municipality percentages, the month-by-month trend and who is behind plan — now, or as of the
 * end of a past day (rebuilt from the history). Two reads of the records and one of the rollup.
 */
export async function getDashboard(ctx: Ctx, q: DashboardQuery): Promise<Dashboard> {
  authorize(ctx.actor, "progress.read");
  const programmes = await listProgrammeRows(ctx);
  const p = q.programmeId ? await findProgramme(ctx, q.programmeId) : programmes[0];
  if (q.programmeId && !p) throw notFound("取組");
  const today = jstDate();
  const asOf = q.asOf && q.asOf < today ? q.asOf : null;
  const abilitiesOut = {
    canManage: can(ctx.actor, "progress.manage"),
    canImport: can(ctx.actor, "progress.import"),
    canEditAll: can(ctx.actor, "progress.update", { orgId: "" }),
    canEditOrgId: can(ctx.actor, "progress.update", { orgId: ctx.actor!.orgId }) ? ctx.actor!.orgId : null,
  };
  const base = { programmes: programmes.map((x) => ({ id: x.id, code: x.code, name: x.name })), asOf, today };
  if (!p) {
    return {
      ...base,
      programme: null,
      items: [],
      orgs: [],
      cells: [],
      overdue: [],
      exceptions: [],
      overall: null,
      median: null,
      trend: [],
      behind: [],
      abilities: abilitiesOut,
    };
  }
  const items = await listItemRows(ctx, [p.id]);
  const { orgs, threshold } = await filteredOrgs(ctx, q);
  const orgIndex = new Map(orgs.map((o, i) => [o.id, i]));
  const itemIndex = new Map(items.map((it, i) => [it.id, i]));
  const cells: (number | null)[][] = orgs.map(() => items.map(() => null));
  const overdue: [number, number][] = [];
  const exceptions: [number, number][] = [];
  const day = asOf ?? today;
  for (const c of await readCells(ctx, { programmeId: p.id }, asOf)) {
    const oi = orgIndex.get(c.orgId);
    const ii = itemIndex.get(c.itemId);
    if (oi === undefined || ii === undefined) continue;
    cells[oi]![ii] = c.pct;
    if (isOverdue(c.dueDate, day)) overdue.push([oi, ii]);
    if (c.exception) exceptions.push([oi, ii]);
  }
  const overdueByOrg = new Map<number, number>();
  for (const [oi] of overdue) overdueByOrg.set(oi, (overdueByOrg.get(oi) ?? 0) + 1);
  const excByOrg = new Map<number, number>();
  for (const [oi] of exceptions) excByOrg.set(oi, (excByOrg.get(oi) ?? 0) + 1);
  const standings = orgs.map((o, oi) => ({
    orgId: o.id,
    isSmall: o.isSmall,
    population: o.population,
    pct: meanPct(cells[oi]!),
    overdueItems: overdueByOrg.get(oi) ?? 0,
  }));
  const overall = meanPct(cells.flat());
  const rollup = await readRollup(ctx, p.id, {
    kind: q.kind,
    smallBelow: q.small === "true" ? threshold : undefined,
    notSmallFrom: q.small === "false" ? threshold : undefined,
  });
  const trend = trendFromDeltas(rollup, { until: day.slice(0, 7) });
  // The last point is the exact figure shown above (the rollup's month-end is the same number, barring archived items).
  if (trend.length) trend[trend.length - 1]!.pct = overall;
  const names = new Map(orgs.map((o) => [o.id, o.name]));
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
    items: items.map((it, ii) => ({
      id: it.id,
      code: it.code,
      name: it.name,
      group: it.group_label,
      pct: toPercent(meanPct(cells.map((row) => row[ii]!))),
    })),
    orgs: orgs.map((o, oi) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      lgCode: o.lg_code,
      population: o.population,
      isSmall: o.isSmall,
      pct: toPercent(standings[oi]!.pct),
      overdueItems: standings[oi]!.overdueItems,
      exceptionItems: excByOrg.get(oi) ?? 0,
    })),
    cells: cells.map((row) => row.map(toPercent)),
    overdue,
    exceptions,
    overall: toPercent(overall),
    median: toPercent(median(standings.map((s) => s.pct).filter((x): x is number => x != null))),
    trend: trend.map((t) => ({ month: t.month, pct: toPercent(t.pct) })),
    behind: behindPlan(standings, { lagThreshold: p.lag_threshold, smallFirst: q.smallFirst === "true" }).map((b) => ({
      orgId: b.orgId,
      name: names.get(b.orgId)!,
      isSmall: b.isSmall,
      pct: toPercent(b.pct),
      overdueItems: b.overdueItems,
      medianGap: toPercent(b.medianGap),
      reasons: b.reasons,
    })),
    abilities: abilitiesOut,
  };
}
