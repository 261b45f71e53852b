import { positionLabels } from "../../../shared/api/bodies.js";
import type { HandoverItem } from "../../../shared/api/handover.js";
import type { Ctx } from "../../platform/context.js";

/** People's current memberships of bodies, with their position (人事異動). */
export async function currentMembershipsOf(
  ctx: Ctx,
  userIds: string[],
  today: string,
): Promise<(HandoverItem & { userId: string })[]> {
  if (!userIds.length) return [];
  const rows = await ctx.db
    .selectFrom("body_members as m")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .select(["m.id", "m.user_id", "m.position", "m.term_end", "m.org_id", "b.name"])
    .where("m.user_id", "in", userIds)
    .where((eb) => eb.or([eb("m.term_end", "is", null), eb("m.term_end", ">=", today)]))
    .orderBy("b.name")
    .execute();
  return rows.map((r) => ({
    userId: r.user_id!,
    kind: "body_membership",
    refId: r.id,
    title: `${r.name}（${positionLabels[r.position].ja}）`,
    due: r.term_end,
    orgId: r.org_id,
  }));
}

/** The successor takes the leaver's seats and positions; a seat the successor already holds in a body is not doubled. */
export async function reassignMemberships(ctx: Ctx, from: string, to: string, today: string): Promise<void> {
  const held = new Set(
    (await ctx.db.selectFrom("body_members").select("body_id").where("user_id", "=", to).execute()).map((r) => r.body_id),
  );
  const rows = await ctx.db
    .selectFrom("body_members")
    .select(["id", "body_id"])
    .where("user_id", "=", from)
    .where((eb) => eb.or([eb("term_end", "is", null), eb("term_end", ">=", today)]))
    .execute();
  for (const r of rows) {
    if (held.has(r.body_id)) await ctx.db.deleteFrom("body_members").where("id", "=", r.id).execute();
    else await ctx.db.updateTable("body_members").set({ user_id: to }).where("id", "=", r.id).execute();
  }
}
