import type { Ctx } from "../../platform/context.js";

/**
 * For the annual report (insight module): 伴走型支援 over the days `from`–`to` (inclusive, "YYYY-MM-DD"):
 * engagements under way in the period (started by its end, not ended before its start, not cancelled), those
 * started and completed in it, the municipalities supported, sessions by mode and the specialists' minutes.
 */
export async function supportPeriodFigures(ctx: Ctx, from: string, to: string) {
  const engagements = await ctx.db
    .selectFrom("support_engagements")
    .select(["org_id", "start_date", "end_date", "status"])
    .where("status", "!=", "cancelled")
    .where("start_date", "<=", to)
    .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", from)]))
    .execute();
  const sessions = await ctx.db
    .selectFrom("support_sessions")
    .select(["mode", (eb) => eb.fn.countAll<number>().as("n")])
    .where("date", ">=", from)
    .where("date", "<=", to)
    .groupBy("mode")
    .execute();
  const time = await ctx.db
    .selectFrom("support_time_entries")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("minutes"), eb.lit(0)).as("m"))
    .where("date", ">=", from)
    .where("date", "<=", to)
    .executeTakeFirstOrThrow();
  const count = (mode: string) => Number(sessions.find((s) => s.mode === mode)?.n ?? 0);
  return {
    active: engagements.length,
    started: engagements.filter((e) => e.start_date >= from).length,
    completed: engagements.filter((e) => e.status === "completed" && e.end_date != null && e.end_date <= to).length,
    towns: new Set(engagements.map((e) => e.org_id)).size,
    sessionsOnSite: count("on_site"),
    sessionsOnline: count("online"),
    minutes: Number(time.m),
  };
}
