import type { HandoverItem } from "../../../shared/api/handover.js";
import type { Ctx } from "../../platform/context.js";

/** People's notification settings (category and delivery mode), which a successor takes over (人事異動). */
export async function notificationPrefsOf(ctx: Ctx, userIds: string[]): Promise<(HandoverItem & { userId: string })[]> {
  if (!userIds.length) return [];
  const rows = await ctx.db.selectFrom("notification_prefs").selectAll().where("user_id", "in", userIds).execute();
  return rows.map((r) => ({
    userId: r.user_id,
    kind: "notification_pref",
    refId: r.category,
    title: `${r.category}：${r.mode}`,
    due: null,
    orgId: null,
  }));
}

/** Copies the leaver's notification settings to the successor where the successor has not set that category. */
export async function copyNotificationPrefs(ctx: Ctx, from: string, to: string): Promise<void> {
  const rows = await ctx.db.selectFrom("notification_prefs").selectAll().where("user_id", "=", from).execute();
  for (const r of rows)
    await ctx.db
      .insertInto("notification_prefs")
      .values({ user_id: to, category: r.category, mode: r.mode })
      .onConflict((oc) => oc.columns(["user_id", "category"]).doNothing())
      .execute();
}
