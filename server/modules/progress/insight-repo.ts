import type { Ctx } from "../../platform/context.js";
import { asOfCutoff } from "./rules.js";
import { stateAtSql, unpackState } from "./state-repo.js";

/**
 * For agenda suggestions (insight module): the municipalities behind plan on the items of a body's
 * programmes whose deadline (the item's, else the programme's) falls between `from` and `to`.
 * Behind plan: an open step's due date has passed (`due_date` before `today`), the record is not complete
 * and not flagged as an exception (特定移行支援 has its own revised target).
 * Per item (by sort order, then id) with at least one municipality behind: the names of those
 * municipalities in order of their code. At national scale nearly every record qualifies (35,000), so
 * they are read as bare (item, municipality) pairs from the covering index progress_records_dashboard;
 * the few items and the municipalities are read once, each ordered by the engine, and joined here.
 */
export async function behindOnBodyItems(ctx: Ctx, bodyId: string, today: string, from: string, to: string) {
  const items = await ctx.db
    .selectFrom("progress_items as i")
    .innerJoin("progress_programmes as p", "p.id", "i.programme_id")
    .select([
      "i.id as itemId",
      "i.name as itemName",
      "p.id as programmeId",
      "p.name as programmeName",
      "p.deadline as programmeDeadline",
      "i.deadline as itemDeadline",
    ])
    .where("p.body_id", "=", bodyId)
    .where("p.archived", "=", 0)
    .where("i.archived", "=", 0)
    .where((eb) =>
      eb.or([
        eb.and([eb("i.deadline", ">=", from), eb("i.deadline", "<=", to)]),
        eb.and([eb("i.deadline", "is", null), eb("p.deadline", ">=", from), eb("p.deadline", "<=", to)]),
      ]),
    )
    .orderBy("i.sort_order")
    .orderBy("i.id")
    .execute();
  if (!items.length) return [];
  const records = await ctx.db
    .selectFrom("progress_records as r")
    .select(["r.item_id", "r.org_id"])
    .where("r.programme_id", "in", [...new Set(items.map((i) => i.programmeId))])
    .where("r.due_date", "<", today)
    .where("r.exception", "=", 0)
    .where((eb) => eb.or([eb("r.pct", "is", null), eb("r.pct", "<", 10000)]))
    .execute();
  const orgs = await ctx.db.selectFrom("orgs").select(["id", "name", "lg_code"]).orderBy("lg_code").execute();
  const orgRank = new Map(orgs.map((o, n) => [o.id, n]));
  const byItem = new Map(items.map((i) => [i.itemId, [] as number[]]));
  for (const r of records) {
    const rank = orgRank.get(r.org_id);
    if (rank !== undefined) byItem.get(r.item_id)?.push(rank);
  }
  return items.flatMap((item) => {
    const ranks = byItem.get(item.itemId)!.sort((a, b) => a - b);
    return ranks.length ? [{ ...item, orgNames: ranks.map((n) => orgs[n]!.name) }] : [];
  });
}

/** For the support-priority radar: per municipality, records behind plan and records flagged as exceptions (特定移行支援). */
export async function radarProgressCounts(ctx: Ctx, today: string) {
  const behind = await ctx.db
    .selectFrom("progress_records as r")
    .innerJoin("progress_programmes as p", "p.id", "r.programme_id")
    .select(["r.org_id as orgId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("p.archived", "=", 0)
    .where("r.due_date", "<", today)
    .where("r.exception", "=", 0)
    .where((eb) => eb.or([eb("r.pct", "is", null), eb("r.pct", "<", 10000)]))
    .groupBy("r.org_id")
    .execute();
  const exceptions = await ctx.db
    .selectFrom("progress_records as r")
    .innerJoin("progress_programmes as p", "p.id", "r.programme_id")
    .select(["r.org_id as orgId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("p.archived", "=", 0)
    .where("r.exception", "=", 1)
    .groupBy("r.org_id")
    .execute();
  return { behind, exceptions };
}

/**
 * The radar's progress counts as they stood at the end of a past `day` (its backtest), from the progress
 * history: per municipality, records behind plan then (a due date before `day`, not complete, not an
 * exception) and records flagged as exceptions then. Records not tracked yet on that day count for nothing.
 */
export async function radarProgressCountsAt(ctx: Ctx, day: string) {
  const rows = await ctx.db
    .selectFrom("progress_records as r")
    .innerJoin("progress_programmes as p", "p.id", "r.programme_id")
    .select(["r.org_id as orgId", stateAtSql(asOfCutoff(day)).as("s")])
    .where("p.archived", "=", 0)
    .execute();
  const behind = new Map<string, number>();
  const exceptions = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const r of rows) {
    if (r.s == null) continue;
    const st = unpackState(r.s);
    if (st.exception) add(exceptions, r.orgId);
    else if (st.dueDate && st.dueDate < day && (st.pct == null || st.pct < 10000)) add(behind, r.orgId);
  }
  const list = (m: Map<string, number>) => [...m].map(([orgId, n]) => ({ orgId, n }));
  return { behind: list(behind), exceptions: list(exceptions) };
}

/** The first national deadline (a programme's or an item's) after `day`, or null. */
export async function nextDeadlineAfter(ctx: Ctx, day: string): Promise<string | null> {
  const programme = await ctx.db
    .selectFrom("progress_programmes")
    .select((eb) => eb.fn.min<string>("deadline").as("d"))
    .where("archived", "=", 0)
    .where("deadline", ">", day)
    .executeTakeFirst();
  const item = await ctx.db
    .selectFrom("progress_items as i")
    .innerJoin("progress_programmes as p", "p.id", "i.programme_id")
    .select((eb) => eb.fn.min<string>("i.deadline").as("d"))
    .where("p.archived", "=", 0)
    .where("i.archived", "=", 0)
    .where("i.deadline", ">", day)
    .executeTakeFirst();
  const found = [programme?.d, item?.d].filter((d): d is string => !!d).sort();
  return found[0] ?? null;
}
