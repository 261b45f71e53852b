import type { Ctx } from "../../platform/context.js";

/**
 * For agenda suggestions (insight module): the municipalities behind plan on the items of a body's
 * programmes whose deadline (the item's, else the programme's) falls between `from` and `to`.
 * Behind plan: an open step's due date has passed (`due_date` before `today`), the record is not complete
 * and not flagged as an exception (特定移行支援 has its own revised target).
 */
export function behindOnBodyItems(ctx: Ctx, bodyId: string, today: string, from: string, to: string) {
  return ctx.db
    .selectFrom("progress_records as r")
    .innerJoin("progress_items as i", "i.id", "r.item_id")
    .innerJoin("progress_programmes as p", "p.id", "r.programme_id")
    .innerJoin("orgs as o", "o.id", "r.org_id")
    .select([
      "i.id as itemId",
      "i.name as itemName",
      "p.id as programmeId",
      "p.name as programmeName",
      "p.deadline as programmeDeadline",
      "i.deadline as itemDeadline",
      "o.name as orgName",
      "o.lg_code as lgCode",
      "r.due_date as dueDate",
      "r.pct as pct",
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
    .where("r.due_date", "<", today)
    .where("r.exception", "=", 0)
    .where((eb) => eb.or([eb("r.pct", "is", null), eb("r.pct", "<", 10000)]))
    .orderBy("i.sort_order")
    .orderBy("i.id")
    .orderBy("o.lg_code")
    .execute();
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
