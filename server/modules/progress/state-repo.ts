import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";
import { asOfCutoff } from "./rules.js";

/** What the read models need of a record at some moment. */
export interface CellState {
  orgId: string;
  itemId: string;
  pct: number | null;
  dueDate: string | null;
  exception: boolean;
}

type Scope = { programmeId: string } | { orgId: string } | { itemId: string };

/**
 * Cells now (from the current-state table) or "as of" the end of a day. The as-of read takes,
 * per record, the latest history row before the cutoff: one backward seek on progress_history_asof,
 * whose trailing columns hold the state, packed into one string so a single scalar subquery answers.
 */
export async function readCells(ctx: Ctx, scope: Scope, asOf?: string | null): Promise<CellState[]> {
  let q = ctx.db.selectFrom("progress_records as r").select(["r.org_id", "r.item_id"]);
  if ("programmeId" in scope) q = q.where("r.programme_id", "=", scope.programmeId);
  else if ("orgId" in scope) q = q.where("r.org_id", "=", scope.orgId);
  else q = q.where("r.item_id", "=", scope.itemId);
  if (!asOf) {
    const rows = await q.select(["r.pct", "r.due_date", "r.exception"]).execute();
    return rows.map((r) => ({
      orgId: r.org_id,
      itemId: r.item_id,
      pct: r.pct,
      dueDate: r.due_date,
      exception: r.exception === 1,
    }));
  }
  const cutoff = asOfCutoff(asOf);
  const rows = await q
    .select(
      sql<
        string | null
      >`(SELECT COALESCE(CAST(h.pct AS TEXT), '') || '|' || COALESCE(h.due_date, '') || '|' || CAST(h.exception AS TEXT)
        FROM progress_history h WHERE h.record_id = r.id AND h.at < ${cutoff} ORDER BY h.at DESC LIMIT 1)`.as("s"),
    )
    .execute();
  const out: CellState[] = [];
  for (const r of rows) {
    if (r.s == null) continue; // not tracked yet on that day
    const [pct, due, exc] = r.s.split("|");
    out.push({ orgId: r.org_id, itemId: r.item_id, pct: pct ? Number(pct) : null, dueDate: due || null, exception: exc === "1" });
  }
  return out;
}

/** Per-month sums of percentage changes for a programme, optionally only for some kinds of municipality. */
export async function readRollup(
  ctx: Ctx,
  programmeId: string,
  orgIds?: string[],
): Promise<{ month: string; pctSum: number; pctN: number }[]> {
  // Filtered (a kind, small towns): only those municipalities' rows, found through progress_rollup_org.
  let q = ctx.db
    .selectFrom("progress_rollup")
    .select(["month", (eb) => eb.fn.sum<number>("pct_sum").as("s"), (eb) => eb.fn.sum<number>("pct_n").as("n")])
    .where("programme_id", "=", programmeId);
  if (orgIds) q = q.where("org_id", "in", orgIds.length ? orgIds : [""]);
  const rows = await q.groupBy("month").execute();
  return rows.map((r) => ({ month: r.month, pctSum: Number(r.s), pctN: Number(r.n) }));
}

/** Mean percentage per item over all municipalities (hundredths), for "lagging behind the others". */
export async function itemMeans(ctx: Ctx, itemIds: string[]): Promise<Map<string, number>> {
  if (!itemIds.length) return new Map();
  const rows = await ctx.db
    .selectFrom("progress_records")
    .select(["item_id", (eb) => eb.fn.avg<number>("pct").as("m")])
    .where("item_id", "in", itemIds)
    .groupBy("item_id")
    .execute();
  return new Map(rows.filter((r) => r.m != null).map((r) => [r.item_id, Number(r.m)]));
}

export interface OrgAgg {
  orgId: string;
  /** Sum and count of the percentages (hundredths) of the org's records that have one. */
  sum: number;
  n: number;
  overdue: number;
  exceptions: number;
}
export interface ItemAgg {
  itemId: string;
  sum: number;
  n: number;
}

/**
 * Per-municipality and per-item totals of a programme's current state, computed by the database
 * (two GROUP BYs on the covering index) so the summary never materialises the 35,000 cells of a
 * national programme in JavaScript.
 */
export async function aggregateCurrent(
  ctx: Ctx,
  programmeId: string,
  itemIds: string[],
  day: string,
  opts: { orgIds?: string[]; hasArchivedItems: boolean },
): Promise<{ orgs: OrgAgg[]; items: ItemAgg[] }> {
  const { orgIds } = opts;
  if (!itemIds.length || (orgIds && !orgIds.length)) return { orgs: [], items: [] };
  let orgQ = ctx.db.selectFrom("progress_records as r").where("r.programme_id", "=", programmeId);
  // Checking each record's item costs a third of the scan: only when archived items must be left out.
  if (opts.hasArchivedItems) orgQ = orgQ.where("r.item_id", "in", itemIds);
  if (orgIds) orgQ = orgQ.where("r.org_id", "in", orgIds);
  const orgs = await orgQ
    .select([
      "r.org_id",
      (eb) => eb.fn.sum<number>("r.pct").as("s"),
      (eb) => eb.fn.count<number>("r.pct").as("n"),
      sql<number>`SUM(CASE WHEN r.due_date < ${day} THEN 1 ELSE 0 END)`.as("o"),
      (eb) => eb.fn.sum<number>("r.exception").as("e"),
    ])
    .groupBy("r.org_id")
    .execute();
  // Item ids imply the programme: leaving it out lets both engines walk progress_records_item in order.
  let itemQ = ctx.db.selectFrom("progress_records as r").where("r.item_id", "in", itemIds);
  if (orgIds) itemQ = itemQ.where("r.org_id", "in", orgIds);
  const items = await itemQ
    .select(["r.item_id", (eb) => eb.fn.sum<number>("r.pct").as("s"), (eb) => eb.fn.count<number>("r.pct").as("n")])
    .groupBy("r.item_id")
    .execute();
  return {
    orgs: orgs.map((r) => ({
      orgId: r.org_id,
      sum: Number(r.s ?? 0),
      n: Number(r.n),
      overdue: Number(r.o ?? 0),
      exceptions: Number(r.e ?? 0),
    })),
    items: items.map((r) => ({ itemId: r.item_id, sum: Number(r.s ?? 0), n: Number(r.n) })),
  };
}

/** The same totals from cells (the "as of" path, where each cell comes from the history). */
export function aggregateCells(cells: CellState[], day: string, keep: (c: CellState) => boolean) {
  const orgs = new Map<string, OrgAgg>();
  const items = new Map<string, ItemAgg>();
  for (const c of cells) {
    if (!keep(c)) continue;
    const o = orgs.get(c.orgId) ?? { orgId: c.orgId, sum: 0, n: 0, overdue: 0, exceptions: 0 };
    const i = items.get(c.itemId) ?? { itemId: c.itemId, sum: 0, n: 0 };
    if (c.pct != null) {
      o.sum += c.pct;
      o.n++;
      i.sum += c.pct;
      i.n++;
    }
    if (c.dueDate != null && c.dueDate < day) o.overdue++;
    if (c.exception) o.exceptions++;
    orgs.set(c.orgId, o);
    items.set(c.itemId, i);
  }
  return { orgs: [...orgs.values()], items: [...items.values()] };
}
