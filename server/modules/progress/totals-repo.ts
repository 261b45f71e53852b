import { sql } from "kysely";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { insertChunked, takeExcluded } from "./batch-repo.js";
import { type Cell, eachPackedCell, packCells } from "./cell-grid.js";
import { latestDayRows } from "./day-rows-repo.js";
import { programmeSlots, slotItems } from "./item-slots-repo.js";
import { onlineCountsByDay, onlineCountsText } from "./online.js";
import type { CellState } from "./state-repo.js";
import type { ProgressOrgCells, ProgressOrgDaysTable, ProgressOrgStateTable } from "./tables.js";

/**
 * The maintained read models of progress (tables.ts, migration 0710): every record write refreshes
 * them in its own transaction from the rows it just wrote, so the national dashboard, heatmap and
 * "as of" views read one row per municipality (or per item) instead of every record or history row.
 */

type Db = Pick<Ctx, "db">;
/** One municipality's cells in a programme: itemId → [pct, due date, exception]. */
type Cells = Record<string, Cell>;
type Slots = Map<string, number>;
type OrgRow = ProgressOrgCells;

const CHUNK = 500;
const chunks = <T>(xs: T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/** A municipality's row: its cells by item slot (cell-grid.ts) and their totals. */
function orgRow(programmeId: string, orgId: string, cells: Cells, slots: Slots): OrgRow {
  let sum = 0;
  let n = 0;
  let exceptions = 0;
  const dues: string[] = [];
  for (const [pct, due, exc] of Object.values(cells)) {
    if (pct != null) {
      sum += pct;
      n++;
    }
    if (due != null) dues.push(due);
    exceptions += exc;
  }
  return {
    programme_id: programmeId,
    org_id: orgId,
    cells: packCells(Object.entries(cells), slots),
    pct_sum: sum,
    pct_n: n,
    exceptions,
    dues: packDues(dues),
  };
}

/**
 * A municipality's due dates, sorted, as runs: "2026-03-31*12,2026-09-30" (a date with how many cells
 * fall due on it, the count left out when it is 1). Most cells of a programme share a few national
 * deadlines, so the runs keep the month index of progress_org_days (read by the "as of" totals) about
 * half as wide as one date per cell did (migration 1010). A list of single dates is the same format.
 */
export function packDues(dates: string[]): string {
  const sorted = [...dates].sort();
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    out.push(j - i > 1 ? `${sorted[i]}*${j - i}` : sorted[i]!);
    i = j;
  }
  return out.join(",");
}
const orgCols = ["cells", "pct_sum", "pct_n", "exceptions", "dues"];

/** Current cells of these municipalities in a programme, from the records themselves. */
async function currentCells(ctx: Db, programmeId: string, orgIds: string[]): Promise<Map<string, Cells>> {
  const out = new Map<string, Cells>();
  for (const chunk of chunks(orgIds, CHUNK)) {
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
 * The municipalities' rows of a programme, each with its online procedures counted (online.ts) when it
 * has any; without them (`online` false) only for migration 0710, which runs before their column exists.
 */
async function upsertOrgState(ctx: Db, programmeId: string, rows: OrgRow[], online = true): Promise<ProgressOrgStateTable[]> {
  if (!online) {
    // Rows without the column, as the table had it then.
    await insertChunked(ctx, "progress_org_state", rows as ProgressOrgStateTable[], (oc) =>
      oc.columns(["programme_id", "org_id"]).doUpdateSet(takeExcluded(orgCols)),
    );
    return rows as ProgressOrgStateTable[];
  }
  const counts = await onlineCountsText(
    ctx,
    programmeId,
    rows.map((r) => r.org_id),
  );
  const states: ProgressOrgStateTable[] = rows.map((r) => ({ ...r, online: counts?.get(r.org_id) ?? null }));
  await insertChunked(ctx, "progress_org_state", states, (oc) =>
    oc.columns(["programme_id", "org_id"]).doUpdateSet(takeExcluded([...orgCols, "online"])),
  );
  return states;
}

/**
 * After records were written at `at` (now): the cells of each municipality touched, now and for that
 * day, the totals of the items touched (now and that day), and the all-municipality rollup of the month.
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
    await startMonth(ctx, programmeId, day);
    const slots = await programmeSlots(ctx, programmeId);
    const rows = [...(await currentCells(ctx, programmeId, [...orgs]))].map(([orgId, c]) => orgRow(programmeId, orgId, c, slots));
    const states = await upsertOrgState(ctx, programmeId, rows);
    await insertChunked(
      ctx,
      "progress_org_days",
      states.map((r) => ({ ...r, day })),
      (oc) => oc.columns(["programme_id", "org_id", "day"]).doUpdateSet(takeExcluded([...orgCols, "online"])),
    );
    await refreshRollupTotals(ctx, programmeId, [month]);
  }
  const items = await refreshItemTotals(ctx, [...new Set(touched.map((t) => t.itemId))]);
  await insertChunked(
    ctx,
    "progress_item_days",
    items.map((i) => ({ ...i, day })),
    (oc) => oc.columns(["item_id", "day"]).doUpdateSet(takeExcluded(["pct_sum", "pct_n"])),
  );
}

/**
 * Month starts (migration 0980): the first write of a month in a programme first copies each
 * municipality's latest day row to that day, so the first day with rows of any month holds a row for
 * every municipality tracked by then. The state at the end of a past day is then the latest row of each
 * municipality from the 1st of the last month with rows up to that day: one range of the day index
 * (latestDayRows), not one seek per municipality into rows spread over years. The copies are dated the
 * day of the write, so they leave the views of earlier days valid (migration 0921).
 */
async function startMonth(ctx: Db, programmeId: string, day: string): Promise<void> {
  const started = await ctx.db
    .selectFrom("progress_org_days")
    .select("day")
    .where("programme_id", "=", programmeId)
    .where("day", ">=", `${day.slice(0, 7)}-01`)
    .limit(1)
    .executeTakeFirst();
  if (!started) await copyLatestTo(ctx, programmeId, day);
}

/** Each municipality's latest day row before `day`, copied to it (where it has none that day). */
async function copyLatestTo(ctx: Db, programmeId: string, day: string): Promise<void> {
  await sql`INSERT INTO progress_org_days (programme_id, org_id, day, pct_sum, pct_n, exceptions, dues, cells, online)
    SELECT d.programme_id, d.org_id, CAST(${day} AS TEXT), d.pct_sum, d.pct_n, d.exceptions, d.dues, d.cells, d.online
    FROM progress_org_state s JOIN progress_org_days d ON d.programme_id = s.programme_id AND d.org_id = s.org_id
      AND d.day = (SELECT max(l.day) FROM progress_org_days l
        WHERE l.programme_id = s.programme_id AND l.org_id = s.org_id AND l.day < ${day})
    WHERE s.programme_id = ${programmeId}
    ON CONFLICT (programme_id, org_id, day) DO NOTHING`.execute(ctx.db);
}

/** The month starts of a programme's history (a rebuild, migration 0980): at each month's first day with rows. */
export async function fillMonthStarts(ctx: Db, programmeId: string): Promise<void> {
  const { rows } = await sql<{ first: string }>`SELECT min(day) AS first FROM progress_org_days
    WHERE programme_id = ${programmeId} GROUP BY substr(day, 1, 7) ORDER BY first`.execute(ctx.db);
  for (const { first } of rows.slice(1)) await copyLatestTo(ctx, programmeId, first);
}

/** Per-item sums recomputed from the records (one index range per item). */
async function refreshItemTotals(ctx: Db, itemIds: string[]) {
  const out: { item_id: string; pct_sum: number; pct_n: number }[] = [];
  for (const chunk of chunks(itemIds, CHUNK)) {
    const rows = await ctx.db
      .selectFrom("progress_records")
      .select(["item_id", (eb) => eb.fn.sum<number>("pct").as("s"), (eb) => eb.fn.count<number>("pct").as("n")])
      .where("item_id", "in", chunk)
      .groupBy("item_id")
      .execute();
    out.push(...rows.map((r) => ({ item_id: r.item_id, pct_sum: Number(r.s ?? 0), pct_n: Number(r.n) })));
  }
  await insertChunked(ctx, "progress_item_totals", out, (oc) =>
    oc.column("item_id").doUpdateSet(takeExcluded(["pct_sum", "pct_n"])),
  );
  return out;
}

/**
 * The all-municipality rollup of a programme's months (all of them when `months` is omitted), from
 * progress_rollup: after every write to it (records written, an item archived or restored).
 */
export async function refreshRollupTotals(ctx: Db, programmeId: string, months?: string[]): Promise<void> {
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
 * Rebuilds a programme's read models by replaying its history: the migration that introduced them,
 * back-dated writes (the demo seed, the benchmark, after writeTimelines), and the test that checks
 * the figures maintained write by write against a recomputation.
 */
export async function rebuildProgressTotals(ctx: Db, programmeId: string, o = { online: true }): Promise<void> {
  const orgs = (
    await ctx.db.selectFrom("progress_records").select("org_id").distinct().where("programme_id", "=", programmeId).execute()
  ).map((r) => r.org_id);
  const slots = await programmeSlots(ctx, programmeId);
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
    const days: (OrgRow & { day: string })[] = [];
    let org = "";
    let day = "";
    let cells: Cells = {};
    const flush = () => {
      if (day) days.push({ ...orgRow(programmeId, org, cells, slots), day });
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
    await insertChunked(
      ctx,
      "progress_org_days",
      o.online
        ? withOnlineDays(programmeId, days, await onlineCountsByDay(ctx, programmeId, chunk), slots)
        : (days as ProgressOrgDaysTable[]),
    );
    await upsertOrgState(
      ctx,
      programmeId,
      [...(await currentCells(ctx, programmeId, chunk))].map(([orgId, c]) => orgRow(programmeId, orgId, c, slots)),
      o.online,
    );
  }
  await fillMonthStarts(ctx, programmeId);
  const items = (await ctx.db.selectFrom("progress_items").select("id").where("programme_id", "=", programmeId).execute()).map(
    (i) => i.id,
  );
  await refreshItemTotals(ctx, items);
  for (const itemId of items) await rebuildItemDays(ctx, itemId);
  await refreshRollupTotals(ctx, programmeId);
}

/**
 * The day rows of some municipalities (in municipality and day order) with the online counts of each day: the
 * latest counted by then (`none` before any change); a day with a channel change alone gets a row too, with
 * the cells of the day before.
 */
function withOnlineDays(
  programmeId: string,
  days: (OrgRow & { day: string })[],
  online: Awaited<ReturnType<typeof onlineCountsByDay>>,
  slots: Slots,
): ProgressOrgDaysTable[] {
  if (!online) return days.map((d) => ({ ...d, online: null }));
  const cellsByOrg = new Map<string, (OrgRow & { day: string })[]>();
  for (const d of days) cellsByOrg.set(d.org_id, [...(cellsByOrg.get(d.org_id) ?? []), d]);
  const out: ProgressOrgDaysTable[] = [];
  for (const org of new Set([...cellsByOrg.keys(), ...online.byOrg.keys()])) {
    const cells = cellsByOrg.get(org) ?? [];
    const counts = online.byOrg.get(org) ?? [];
    let cell: OrgRow = orgRow(programmeId, org, {}, slots);
    let text = online.none;
    for (let i = 0, j = 0; i < cells.length || j < counts.length; ) {
      const day = i < cells.length && (j >= counts.length || cells[i]!.day <= counts[j]![0]) ? cells[i]!.day : counts[j]![0];
      if (i < cells.length && cells[i]!.day === day) cell = cells[i++]!;
      if (j < counts.length && counts[j]![0] === day) text = counts[j++]![1];
      out.push({ ...cell, day, online: text });
    }
  }
  return out;
}

/** An item's totals at the end of each day, replayed over every record's history. */
async function rebuildItemDays(ctx: Db, itemId: string) {
  await ctx.db.deleteFrom("progress_item_days").where("item_id", "=", itemId).execute();
  const history = await ctx.db
    .selectFrom("progress_history as h")
    .innerJoin("progress_records as r", "r.id", "h.record_id")
    .select(["h.record_id", "h.at", "h.pct"])
    .where("r.item_id", "=", itemId)
    .orderBy("h.at")
    .execute();
  const pcts = new Map<string, number | null>();
  const rows: { item_id: string; day: string; pct_sum: number; pct_n: number }[] = [];
  let sum = 0;
  let n = 0;
  let day = "";
  for (const h of history) {
    const d = jstDate(h.at);
    if (d !== day && day) rows.push({ item_id: itemId, day, pct_sum: sum, pct_n: n });
    day = d;
    const prev = pcts.get(h.record_id);
    if (prev != null) {
      sum -= prev;
      n--;
    }
    if (h.pct != null) {
      sum += h.pct;
      n++;
    }
    pcts.set(h.record_id, h.pct);
  }
  if (day) rows.push({ item_id: itemId, day, pct_sum: sum, pct_n: n });
  await insertChunked(ctx, "progress_item_days", rows);
}

/** A municipality's totals in a programme: percentages, exceptions and sorted due dates. */
export interface OrgTotals {
  orgId: string;
  sum: number;
  n: number;
  exceptions: number;
  dues: string;
}

/**
 * Every municipality's totals in a programme now, or at the end of a past day: each one's latest day row up
 * to it, from one range of the month index (latestDayRows).
 */
export async function readOrgTotals(
  ctx: Pick<Ctx, "db" | "engine">,
  programmeId: string,
  asOf?: string | null,
): Promise<OrgTotals[]> {
  const rows = asOf
    ? await latestDayRows(ctx, programmeId, asOf, ["pct_sum", "pct_n", "exceptions", "dues"])
    : await ctx.db
        .selectFrom("progress_org_state as s")
        .select(["s.org_id", "s.pct_sum", "s.pct_n", "s.exceptions", "s.dues"])
        .where("s.programme_id", "=", programmeId)
        .execute();
  return rows.map((r) => ({ orgId: r.org_id, sum: Number(r.pct_sum), n: r.pct_n, exceptions: r.exceptions, dues: r.dues }));
}

/** The due dates of packDues one by one (migration 1010 packs the lists kept before it). */
export function expandDues(dues: string): string[] {
  return dues
    ? dues.split(",").flatMap((run) => Array<string>(run.length > 10 ? Number(run.slice(11)) : 1).fill(run.slice(0, 10)))
    : [];
}

/** How many of a municipality's due dates (packDues) fall before `day`. */
export function countBefore(dues: string, day: string): number {
  let count = 0;
  for (let i = 0; i < dues.length && dues.slice(i, i + 10) < day; ) {
    const comma = dues.indexOf(",", i + 10);
    const end = comma < 0 ? dues.length : comma;
    count += end > i + 10 ? Number(dues.slice(i + 11, end)) : 1;
    i = end + 1;
  }
  return count;
}

/** Per-item sums and counts of percentages over every municipality, now or at the end of a past day. */
export async function readItemTotals(
  ctx: Db,
  itemIds: string[],
  asOf?: string | null,
): Promise<Map<string, { sum: number; n: number }>> {
  if (!itemIds.length) return new Map();
  const q = ctx.db.selectFrom("progress_item_totals as t").where("t.item_id", "in", itemIds);
  if (!asOf) {
    const rows = await q.select(["t.item_id", "t.pct_sum", "t.pct_n"]).execute();
    return new Map(rows.map((r) => [r.item_id, { sum: Number(r.pct_sum), n: r.pct_n }]));
  }
  const rows = await q
    .select([
      "t.item_id",
      sql<string | null>`(SELECT CAST(d.pct_sum AS TEXT) || '|' || CAST(d.pct_n AS TEXT) FROM progress_item_days d
        WHERE d.item_id = t.item_id AND d.day <= ${asOf} ORDER BY d.day DESC LIMIT 1)`.as("t"),
    ])
    .execute();
  const out = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    if (r.t == null) continue;
    const [sum, n] = r.t.split("|");
    out.set(r.item_id, { sum: Number(sum), n: Number(n) });
  }
  return out;
}

/** Mean percentage per item over all municipalities (hundredths). */
export async function itemMeans(ctx: Db, itemIds: string[]): Promise<Map<string, number>> {
  const totals = await readItemTotals(ctx, itemIds);
  return new Map([...totals].filter(([, t]) => t.n > 0).map(([id, t]) => [id, t.sum / t.n]));
}

/**
 * Every cell of a programme (of some municipalities, or all) now, or at the end of a past day (each
 * municipality's latest day row up to it, latestDayRows); `each` receives them without an object per cell
 * (the heatmap has 35,000).
 */
export async function eachProgrammeCell(
  ctx: Pick<Ctx, "db" | "engine">,
  programmeId: string,
  asOf: string | null | undefined,
  each: (orgId: string, itemId: string, pct: number | null, dueDate: string | null, exception: boolean) => void,
  orgIds?: string[],
): Promise<void> {
  const items = await slotItems(ctx, programmeId);
  const only = orgIds && new Set(orgIds);
  const rows = asOf
    ? await latestDayRows(ctx, programmeId, asOf, ["cells"])
    : await ctx.db.selectFrom("progress_org_state").select(["org_id", "cells"]).where("programme_id", "=", programmeId).execute();
  for (const r of rows) {
    if (only && !only.has(r.org_id)) continue;
    eachPackedCell(r.cells, (slot, pct, due, exc) => each(r.org_id, items[slot]!, pct, due, exc === 1));
  }
}

/** The same cells as objects (exports, tests). */
export async function readProgrammeCells(
  ctx: Pick<Ctx, "db" | "engine">,
  programmeId: string,
  asOf?: string | null,
): Promise<CellState[]> {
  const out: CellState[] = [];
  await eachProgrammeCell(ctx, programmeId, asOf, (orgId, itemId, pct, dueDate, exception) =>
    out.push({ orgId, itemId, pct, dueDate, exception }),
  );
  return out;
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
