import type { HandoverItem } from "../../../shared/api/handover.js";
import type { Ctx } from "../../platform/context.js";

/** Open action items (宿題事項) an organisation owns: they come with the post a successor takes over (人事異動). */
export async function openActionItemsOf(ctx: Ctx, orgIds: string[]): Promise<HandoverItem[]> {
  if (!orgIds.length) return [];
  const rows = await ctx.db
    .selectFrom("action_items")
    .select(["id", "title", "due_date", "owner_org_id"])
    .where("owner_org_id", "in", orgIds)
    .where("status", "!=", "done")
    .orderBy("due_date")
    .execute();
  return rows.map((r) => ({ kind: "action_item", refId: r.id, title: r.title, due: r.due_date, orgId: r.owner_org_id }));
}
