import type { ItemPage, OrgPage } from "../../../shared/api/progress-views.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import "./policy.js";
import { filteredOrgs } from "./dashboard.js";
import { presentHistory } from "./history.js";
import { labelsFor, townHistoryRows } from "./history-repo.js";
import { presentItem, toPercent } from "./present.js";
import {
  findItem,
  findProgramme,
  listItemRows,
  listMetricRows,
  listProgrammeRows,
  listStepRows,
  loadItemDefs,
  loadRecords,
  recordKey,
  recordRows,
} from "./repo.js";
import { isOverdue, meanPct, notStarted } from "./rules.js";
import { readCells } from "./state-repo.js";
import { itemMeans } from "./totals-repo.js";

const orgRef = (o: {
  id: string;
  name: string;
  kind: string;
  lg_code: string | null;
  population: number | null;
  isSmall: boolean;
}) => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  lgCode: o.lg_code,
  population: o.population,
  isSmall: o.isSmall,
});

/** A municipality's page: every programme, its lagging items and its recent changes. */
export async function getOrgPage(ctx: Ctx, orgId: string, opts: { asOf?: string } = {}): Promise<OrgPage> {
  authorize(ctx.actor, "progress.read");
  const org = (await filteredOrgs(ctx, {})).orgs.find((o) => o.id === orgId);
  if (!org) throw notFound("市町村");
  const today = jstDate();
  const asOf = opts.asOf && opts.asOf < today ? opts.asOf : null;
  const day = asOf ?? today;
  const programmes = await listProgrammeRows(ctx);
  const items = await listItemRows(
    ctx,
    programmes.map((p) => p.id),
  );
  const itemIds = items.map((i) => i.id);
  const cells = new Map((await readCells(ctx, { orgId }, asOf)).map((c) => [c.itemId, c]));
  const details = new Map((asOf ? [] : await recordRows(ctx, itemIds, [orgId])).map((row) => [row.item_id, row]));
  const means = asOf ? new Map<string, number>() : await itemMeans(ctx, itemIds);
  const lagging: OrgPage["lagging"] = [];
  const out = programmes.map((p) => {
    const mine = items.filter((i) => i.programme_id === p.id);
    const standing = mine.map((i) => {
      const c = cells.get(i.id);
      const row = details.get(i.id);
      const overdue = !!c && isOverdue(c.dueDate, day);
      const mean = means.get(i.id);
      const behindOthers = c?.pct != null && mean != null && c.pct < mean - p.lag_threshold * 100;
      if (overdue || behindOthers)
        lagging.push({
          itemId: i.id,
          itemName: i.name,
          programmeName: p.name,
          pct: toPercent(c?.pct),
          dueDate: c?.dueDate ?? null,
          exception: !!c?.exception,
          reasons: [...(overdue ? ["overdue" as const] : []), ...(behindOthers ? ["below_mean" as const] : [])],
          mean: toPercent(mean),
          lagPoints: p.lag_threshold,
        });
      return {
        id: i.id,
        code: i.code,
        name: i.name,
        group: i.group_label,
        tracking: i.tracking,
        pct: toPercent(c?.pct),
        done: row?.done_count ?? null,
        inProgress: row?.in_progress_count ?? null,
        applicable: row?.applicable_count ?? null,
        dueDate: c?.dueDate ?? null,
        overdue,
        exception: !!c?.exception,
        exceptionReason: row?.exception_reason ?? null,
        revisedTarget: row?.revised_target ?? null,
      };
    });
    return {
      id: p.id,
      name: p.name,
      exceptionLabel: p.exception_label,
      pct: toPercent(meanPct(mine.map((i) => cells.get(i.id)?.pct ?? null))),
      items: standing,
    };
  });
  const rows = asOf ? [] : await townHistoryRows(ctx, orgId, itemIds, 20);
  const labels = await labelsFor(ctx, [...new Set(rows.map((r) => r.item_id))]);
  const itemNames = new Map(
    items.map((i) => [i.id, { name: i.name, programme: programmes.find((p) => p.id === i.programme_id)!.name }]),
  );
  return {
    org: orgRef(org),
    asOf,
    programmes: out,
    lagging,
    recent: rows.map((r) => ({
      ...presentHistory(r, labels),
      item: {
        id: r.item_id,
        name: itemNames.get(r.item_id)?.name ?? "",
        programmeName: itemNames.get(r.item_id)?.programme ?? "",
      },
    })),
    abilities: { canEdit: !asOf && can(ctx.actor, "progress.update", { orgId }) },
  };
}

/** An item page: every municipality's record for one item, with the steps' statuses (now). */
export async function getItemPage(ctx: Ctx, itemId: string, opts: { asOf?: string } = {}): Promise<ItemPage> {
  authorize(ctx.actor, "progress.read");
  const item = await findItem(ctx, itemId);
  if (!item) throw notFound("取組項目");
  const programme = (await findProgramme(ctx, item.programme_id))!;
  const today = jstDate();
  const asOf = opts.asOf && opts.asOf < today ? opts.asOf : null;
  const { orgs } = await filteredOrgs(ctx, {});
  const [steps, metrics] = await Promise.all([listStepRows(ctx, [itemId], true), listMetricRows(ctx, [itemId], true)]);
  const def = (await loadItemDefs(ctx, [itemId])).get(itemId)!.def;
  const cells = new Map((await readCells(ctx, { itemId }, asOf)).map((c) => [c.orgId, c]));
  const records = asOf ? new Map() : await loadRecords(ctx, [itemId]);
  const rows = orgs.map((o) => {
    const c = cells.get(o.id);
    const rec = records.get(recordKey(o.id, itemId));
    return {
      org: orgRef(o),
      pct: toPercent(c?.pct),
      dueDate: c?.dueDate ?? null,
      overdue: !!c && isOverdue(c.dueDate, asOf ?? today),
      exception: !!c?.exception,
      exceptionReason: rec?.row.exception_reason ?? null,
      revisedTarget: rec?.row.revised_target ?? null,
      metricFy: rec?.row.metric_fy ?? null,
      steps:
        asOf || item.tracking !== "steps"
          ? null
          : def.steps.map((s) => {
              const st = rec?.data.steps[s.id] ?? notStarted;
              return { status: st.status, plannedDate: st.plannedDate, actualDate: st.actualDate };
            }),
      canEdit: !asOf && can(ctx.actor, "progress.update", { orgId: o.id }),
    };
  });
  return {
    item: presentItem(item, steps, metrics),
    programme: {
      id: programme.id,
      name: programme.name,
      exceptionLabel: programme.exception_label,
      deadline: programme.deadline,
    },
    asOf,
    pct: toPercent(meanPct([...cells.values()].map((c) => c.pct))),
    rows,
  };
}
