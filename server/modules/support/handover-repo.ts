import type { HandoverItem } from "../../../shared/api/handover.js";
import type { Ctx } from "../../platform/context.js";

const open = ["planned", "active"] as const;

/** Planned and active engagements people work on as specialists (人事異動). */
export async function openEngagementsOf(ctx: Ctx, userIds: string[]): Promise<(HandoverItem & { userId: string })[]> {
  if (!userIds.length) return [];
  const rows = await ctx.db
    .selectFrom("support_specialists as s")
    .innerJoin("support_engagements as e", "e.id", "s.engagement_id")
    .select(["s.user_id", "e.id", "e.theme", "e.end_date", "e.org_id"])
    .where("s.user_id", "in", userIds)
    .where("e.status", "in", open)
    .orderBy("e.start_date")
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    kind: "support_engagement",
    refId: r.id,
    title: r.theme,
    due: r.end_date,
    orgId: r.org_id,
  }));
}

/** The successor takes the leaver's place on their open engagements (once, if already there). */
export async function reassignOpenEngagements(ctx: Ctx, from: string, to: string): Promise<void> {
  const rows = await ctx.db
    .selectFrom("support_specialists as s")
    .innerJoin("support_engagements as e", "e.id", "s.engagement_id")
    .select("s.engagement_id")
    .where("s.user_id", "=", from)
    .where("e.status", "in", open)
    .execute();
  for (const { engagement_id } of rows) {
    await ctx.db
      .deleteFrom("support_specialists")
      .where("engagement_id", "=", engagement_id)
      .where("user_id", "=", from)
      .execute();
    await ctx.db
      .insertInto("support_specialists")
      .values({ engagement_id, user_id: to })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
