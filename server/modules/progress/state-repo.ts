import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";
import { asOfCutoff } from "./rules.js";
import { readRollupTotals } from "./totals-repo.js";

/** What the read models need of a record at some moment. */
export interface CellState {
  orgId: string;
  itemId: string;
  pct: number | null;
  dueDate: string | null;
  exception: boolean;
}

type Scope = { orgId: string } | { itemId: string };

/**
 * A record's state (percentage, due date, exception) at the end of a day, from its latest history row before
 * the cutoff, packed into one string ("pct|due|exception") so a single scalar subquery answers; null when
 * the record was not tracked yet. Unpack with `unpackState`.
 */
export const stateAtSql = (cutoff: string) =>
  sql<
    string | null
  >`(SELECT COALESCE(CAST(h.pct AS TEXT), '') || '|' || COALESCE(h.due_date, '') || '|' || CAST(h.exception AS TEXT)
        FROM progress_history h WHERE h.record_id = r.id AND h.at < ${cutoff} ORDER BY h.at DESC LIMIT 1)`;

export function unpackState(s: string) {
  const [pct, due, exc] = s.split("|");
  return { pct: pct ? Number(pct) : null, dueDate: due || null, exception: exc === "1" };
}

/**
 * Cells of one municipality or one item now (from the current-state table) or "as of" the end of a day
 * (a whole programme's: totals-repo.ts readProgrammeCells). The as-of read takes,
 * per record, the latest history row before the cutoff: one backward seek on progress_history_asof,
 * whose trailing columns hold the state, packed into one string so a single scalar subquery answers.
 */
export async function readCells(ctx: Ctx, scope: Scope, asOf?: string | null): Promise<CellState[]> {
  let q = ctx.db.selectFrom("progress_records as r").select(["r.org_id", "r.item_id"]);
  if ("orgId" in scope) q = q.where("r.org_id", "=", scope.orgId);
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
  const rows = await q.select(stateAtSql(cutoff).as("s")).execute();
  const out: CellState[] = [];
  for (const r of rows) {
    if (r.s == null) continue; // not tracked yet on that day
    out.push({ orgId: r.org_id, itemId: r.item_id, ...unpackState(r.s) });
  }
  return out;
}

/**
 * Per-month sums of percentage changes for a programme: over every municipality from the maintained
 * totals, or only some (a kind, small towns) from their rows, found through progress_rollup_org.
 */
export async function readRollup(
  ctx: Ctx,
  programmeId: string,
  orgIds?: string[],
): Promise<{ month: string; pctSum: number; pctN: number }[]> {
  if (!orgIds) return readRollupTotals(ctx, programmeId);
  let q = ctx.db
    .selectFrom("progress_rollup")
    .select(["month", (eb) => eb.fn.sum<number>("pct_sum").as("s"), (eb) => eb.fn.sum<number>("pct_n").as("n")])
    .where("programme_id", "=", programmeId);
  q = q.where("org_id", "in", orgIds.length ? orgIds : [""]);
  const rows = await q.groupBy("month").execute();
  return rows.map((r) => ({ month: r.month, pctSum: Number(r.s), pctN: Number(r.n) }));
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

/** Per-municipality and per-item totals of cells (the dashboard's summary, now or as of a day). */
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
