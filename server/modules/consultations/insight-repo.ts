import type { Ctx } from "../../platform/context.js";

/**
 * For agenda suggestions (insight module): consultations received from `since` (inclusive) to `until`
 * (exclusive), ISO instants, counted per category and organisation. Merged duplicates are left out.
 */
export function deskCountsByCategory(ctx: Ctx, since: string, until: string) {
  // Counted per organisation first on a range of consultations_window (migration 0845), then named.
  const counted = ctx.db
    .selectFrom("consultations")
    .select(["category", "org_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("created_at", ">=", since)
    .where("created_at", "<", until)
    .where("merged_into_id", "is", null)
    .groupBy(["category", "org_id"]);
  return ctx.db
    .selectFrom(counted.as("c"))
    .innerJoin("orgs as o", "o.id", "c.org_id")
    .select(["c.category", "o.name as orgName", "o.lg_code as lgCode", (eb) => eb.fn.sum<number>("c.n").as("n")])
    .groupBy(["c.category", "o.name", "o.lg_code"])
    .orderBy("o.lg_code")
    .execute();
}

/**
 * For the support-priority radar: per municipality, consultations received since `since` (ISO instant),
 * and those still open with a missed target (`next_due`, the earliest unmet due date, before `today`).
 */
export async function radarDeskCounts(ctx: Ctx, since: string, today: string) {
  const volume = await deskVolume(ctx, since);
  const missed = await ctx.db
    .selectFrom("consultations")
    .select(["org_id as orgId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("next_due", "<", today)
    .where("merged_into_id", "is", null)
    .groupBy("org_id")
    .execute();
  return { volume, missed };
}

/**
 * The radar's desk counts as they stood at `until` (an ISO instant, the end of a past day, for the backtest):
 * consultations received from `since` to `until`, and those that had missed a target by then — a first
 * response or resolution due before `day` and not given before `until`. Pauses are not replayed: the due
 * dates are the ones kept now.
 */
export async function radarDeskCountsAt(ctx: Ctx, since: string, until: string, day: string) {
  const volume = await deskVolume(ctx, since, until);
  const missed = await ctx.db
    .selectFrom("consultations")
    .select(["org_id as orgId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("created_at", "<", until)
    .where("merged_into_id", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("first_response_due", "<", day),
          eb.or([eb("first_response_at", "is", null), eb("first_response_at", ">=", until)]),
        ]),
        eb.and([eb("resolution_due", "<", day), eb.or([eb("resolved_at", "is", null), eb("resolved_at", ">=", until)])]),
      ]),
    )
    .groupBy("org_id")
    .execute();
  return { volume, missed };
}

/** Per municipality, consultations received from `since` (to `until` when given), merged duplicates left out. */
function deskVolume(ctx: Ctx, since: string, until?: string) {
  let q = ctx.db
    .selectFrom("consultations")
    .select(["org_id as orgId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("created_at", ">=", since)
    .where("merged_into_id", "is", null);
  if (until) q = q.where("created_at", "<", until);
  return q.groupBy("org_id").execute();
}

/**
 * For the annual report (insight module): the desk over a period, `from` (inclusive) to `to` (exclusive), ISO
 * instants: consultations received per category, those resolved in the period, and those still open at its end.
 * Merged duplicates are left out, as on the desk's own reports.
 */
export async function deskPeriodFigures(ctx: Ctx, from: string, to: string) {
  const received = await ctx.db
    .selectFrom("consultations")
    .select(["category", (eb) => eb.fn.countAll<number>().as("n")])
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .where("merged_into_id", "is", null)
    .groupBy("category")
    .execute();
  const resolved = await ctx.db
    .selectFrom("consultations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("resolved_at", ">=", from)
    .where("resolved_at", "<", to)
    .where("merged_into_id", "is", null)
    .executeTakeFirstOrThrow();
  const open = await ctx.db
    .selectFrom("consultations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("created_at", "<", to)
    .where("merged_into_id", "is", null)
    .where((eb) => eb.or([eb("resolved_at", "is", null), eb("resolved_at", ">=", to)]))
    .where((eb) => eb.or([eb("closed_at", "is", null), eb("closed_at", ">=", to)]))
    .executeTakeFirstOrThrow();
  return {
    received: received.map((r) => ({ category: r.category, n: Number(r.n) })),
    resolved: Number(resolved.n),
    openAtEnd: Number(open.n),
  };
}
