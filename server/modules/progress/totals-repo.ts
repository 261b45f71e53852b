import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { insertChunked, takeExcluded } from "./batch.js";
import type { CellState } from "./state-repo.js";

/**
 * The maintained read models of progress (tables.ts, migration 0710): every record write refreshes
 * them in its own transaction from the rows it just wrote, so the national dashboard, heatmap and
 * "as of" views read one row per municipality instead of every record or every history row.
 */

type Db = Pick<Ctx, "db">;
/** One municipality's cells in a programme: itemId → [pct, due date, exception]. */
type Cells = Record<string, [number | null, string | null, 0 | 1]>;

const ORG_CHUNK = 500;
const chunks = <T>(xs: T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/** Cells as stored: keys in item-id order, so the same state is always the same text. */
const cellsText = (cells: Cells) => JSON.stringify(Object.fromEntries(Object.entries(cells).sort(([a], [b]) => (a < b ? -1 : 1))));

function parseCells(orgId: string, json: string, out: CellState[]) {
  for (const [itemId, [pct, dueDate, exception]] of Object.entries(JSON.parse(json) as Cells))
    out.push({ orgId, itemId, pct, dueDate, exception: exception === 1 });
}

/** Current cells of these municipalities in a programme, from the records themselves. */
async function currentCells(ctx: Db, programmeId: string, orgIds: string[]): Promise<Map<string, Cells>> {
  const out = new Map<string, Cells>();
  for (const chunk of chunks(orgIds, ORG_CHUNK)) {
    const rows = await ctx.db
      .selectFrom("progress_records")
      .select(["org_id", "item_id", "pct", "due_date", "exception"])
      .where("programme_id", "=", programmeId)
      .where("org_id", "in", chunk)
      .execute();
    for (const r of rows) {
      const cells = out.get(r.org_id) ?? {};
      cells[r.item_id] = [r.pct, r.due_date, r.exception];
      out.set(r.org_id, cells);
    }
  }
  return out;
}

/**
 * After records were written at `at`: the cells of each municipality touched, now and for that day,
 * the totals of the items touched, and the all-municipality rollup of that month.
 */
export async function refreshTotals(
  ctx: Db,
  touched: { programmeId: string; orgId: string; itemId: string }[],
  at: string,
  month: string,
): Promise<void> {
  const day = jstDate(at);
  const byProgramme = new Map<string, Set<string>>();
  for (const t of touched) byProgramme.set(t.programmeId, (byProgramme.get(t.programmeId) ?? new Set()).add(t.orgId));
  for (const [programmeId, orgs] of byProgramme) {
    const cells = await currentCells(ctx, programmeId, [...orgs]);
    const state = [...cells].map(([org_id, c]) => ({ programme_id: programmeId, org_id, cells: cellsText(c) }));
    await insertChunked(ctx, "progress_org_state", state, (oc) =>
      oc.columns(["programme_id", "org_id"]).doUpdateSet(takeExcluded(["cells"])),
    );
    await insertChunked(
      ctx,
      "progress_org_days",
      state.map((s) => ({ ...s, day })),
      (oc) => oc.columns(["programme_id", "org_id", "day"]).doUpdateSet(takeExcluded(["cells"])),
    );
    await refreshRollupTotals(ctx, programmeId, [month]);
  }
  await refreshItemTotals(ctx, [...new Set(touched.map((t) => t.itemId))]);
}

/** Per-item sums recomputed from the records (one index range per item). */
async function refreshItemTotals(ctx: Db, itemIds: string[]): Promise<void> {
  for (const chunk of chunks(itemIds, ORG_CHUNK)) {
    const rows = await ctx.db
      .selectFrom("progress_records")
      .select(["item_id", (eb) => eb.fn.sum<number>("pct").as("s"), (eb) => eb.fn.count<number>("pct").as("n")])
      .where("item_id", "in", chunk)
      .groupBy("item_id")
      .execute();
    await insertChunked(
      ctx,
      "progress_item_totals",
      rows.map((r) => ({ item_id: r.item_id, pct_sum: Number(r.s ?? 0), pct_n: Number(r.n) })),
      (oc) => oc.column("item_id").doUpdateSet(takeExcluded(["pct_sum", "pct_n"])),
    );
  }
}

/** The all-municipality rollup of a programme's months (all of them when `months` is omitted), from progress_rollup. */
async function refreshRollupTotals(ctx: Db, programmeId: string, months?: string[]): Promise<void> {
  let q = ctx.db
    .selectFrom("progress_rollup")
    .select(["month", (eb) => eb.fn.sum<number>("pct_sum").as("s"), (eb) => eb.fn.sum<number>("pct_n").as("n")])
    .where("programme_id", "=", programmeId);
  if (months) q = q.where("month", "in", months);
  const rows = await q.groupBy("month").execute();
  await insertChunked(
    ctx,
    "progress_rollup_totals",
    rows.map((r) => ({ programme_id: programmeId, month: r.month, pct_sum: Number(r.s ?? 0), pct_n: Number(r.n ?? 0) })),
    (oc) => oc.columns(["programme_id", "month"]).doUpdateSet(takeExcluded(["pct_sum", "pct_n"])),
  );
}

/**
 * Rebuilds a programme's read models (for some municipalities, or all) by replaying the history:
 * the migration that introduced them, back-dated writes (seed, benchmark), and the test that
 * checks the maintained figures against a recomputation.
 */
export async function rebuildProgressTotals(ctx: Db, programmeId: string, orgIds?: string[]): Promise<void> {
  const orgs =
    orgIds ??
    (
      await ctx.db.selectFrom("progress_records").select("org_id").distinct().where("programme_id", "=", programmeId).execute()
    ).map((r) => r.org_id);
  for (const chunk of chunks(orgs, 50)) {
    await ctx.db.deleteFrom("progress_org_days").where("programme_id", "=", programmeId).where("org_id", "in", chunk).execute();
    const history = await ctx.db
      .selectFrom("progress_history as h")
      .innerJoin("progress_records as r", "r.id", "h.record_id")
      .select(["r.org_id", "r.item_id", "h.at", "h.pct", "h.due_date", "h.exception"])
      .where("r.programme_id", "=", programmeId)
      .where("r.org_id", "in", chunk)
      .orderBy("r.org_id")
      .orderBy("h.at")
      .execute();
    const days: { programme_id: string; org_id: string; day: string; cells: string }[] = [];
    let org = "";
    let day = "";
    let cells: Cells = {};
    const flush = () => {
      if (day) days.push({ programme_id: programmeId, org_id: org, day, cells: cellsText(cells) });
    };
    for (const h of history) {
      const d = jstDate(h.at);
      if (h.org_id !== org || d !== day) {
        flush();
        if (h.org_id !== org) cells = {};
        org = h.org_id;
        day = d;
      }
      cells[h.item_id] = [h.pct, h.due_date, h.exception];
    }
    flush();
    await insertChunked(ctx, "progress_org_days", days);
    const current = await currentCells(ctx, programmeId, chunk);
    await insertChunked(
      ctx,
      "progress_org_state",
      [...current].map(([org_id, c]) => ({ programme_id: programmeId, org_id, cells: cellsText(c) })),
      (oc) => oc.columns(["programme_id", "org_id"]).doUpdateSet(takeExcluded(["cells"])),
    );
  }
  const items = await ctx.db.selectFrom("progress_items").select("id").where("programme_id", "=", programmeId).execute();
  await refreshItemTotals(
    ctx,
    items.map((i) => i.id),
  );
  await refreshRollupTotals(ctx, programmeId);
}

/**
 * Every cell of a programme now, or at the end of a past day (each municipality's latest day
 * snapshot up to it: one backward seek per municipality).
 */
export async function readProgrammeCells(ctx: Db, programmeId: string, asOf?: string | null): Promise<CellState[]> {
  const q = ctx.db.selectFrom("progress_org_state as s").where("s.programme_id", "=", programmeId);
  const rows = asOf
    ? await q
        .select([
          "s.org_id",
          (eb) =>
            eb
              .selectFrom("progress_org_days as d")
              .select("d.cells")
              .whereRef("d.programme_id", "=", "s.programme_id")
              .whereRef("d.org_id", "=", "s.org_id")
              .where("d.day", "<=", asOf)
              .orderBy("d.day", "desc")
              .limit(1)
              .as("cells"),
        ])
        .execute()
    : await q.select(["s.org_id", "s.cells"]).execute();
  const out: CellState[] = [];
  for (const r of rows) if (r.cells != null) parseCells(r.org_id, r.cells, out);
  return out;
}

/** Mean percentage per item over all municipalities (hundredths). */
export async function itemMeans(ctx: Db, itemIds: string[]): Promise<Map<string, number>> {
  if (!itemIds.length) return new Map();
  const rows = await ctx.db.selectFrom("progress_item_totals").selectAll().where("item_id", "in", itemIds).execute();
  return new Map(rows.filter((r) => r.pct_n > 0).map((r) => [r.item_id, Number(r.pct_sum) / r.pct_n]));
}

/** Per-month sums of percentage changes over every municipality of a programme. */
export async function readRollupTotals(ctx: Db, programmeId: string): Promise<{ month: string; pctSum: number; pctN: number }[]> {
  const rows = await ctx.db
    .selectFrom("progress_rollup_totals")
    .select(["month", "pct_sum", "pct_n"])
    .where("programme_id", "=", programmeId)
    .orderBy("month")
    .execute();
  return rows.map((r) => ({ month: r.month, pctSum: Number(r.pct_sum), pctN: Number(r.pct_n) }));
}
