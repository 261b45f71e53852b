import type { Ctx } from "../../platform/context.js";

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
