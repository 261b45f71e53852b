import { sql } from "kysely";
import type { HomeDue } from "../../../shared/api/home.js";
import type { Ctx } from "../../platform/context.js";

/** The open next steps of the engagements I work on as a specialist, dated ones first (support_specialists_user, support_next_steps_e). */
export async function myNextSteps(ctx: Ctx): Promise<HomeDue["nextSteps"]> {
  if (!ctx.actor) return [];
  const rows = await ctx.db
    .selectFrom("support_specialists as s")
    .innerJoin("support_engagements as e", "e.id", "s.engagement_id")
    .innerJoin("support_next_steps as n", "n.engagement_id", "s.engagement_id")
    .innerJoin("orgs as o", "o.id", "e.org_id")
    .select([
      "n.id",
      "n.title",
      "n.owner",
      "n.due_date",
      "e.id as engagement_id",
      "e.theme",
      "o.id as org_id",
      "o.name as org_name",
    ])
    .where("s.user_id", "=", ctx.actor.userId)
    .where("e.status", "in", ["planned", "active"])
    .where("n.done_at", "is", null)
    .orderBy(sql`case when n.due_date is null then 1 else 0 end`)
    .orderBy("n.due_date")
    .orderBy("n.created_at")
    .limit(10)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    engagementId: r.engagement_id,
    org: { id: r.org_id, name: r.org_name },
    theme: r.theme,
    title: r.title,
    owner: r.owner,
    dueDate: r.due_date,
  }));
}
