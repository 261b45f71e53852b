import type { HomeDue } from "../../../shared/api/home.js";
import type { Ctx } from "../../platform/context.js";
import { openStepsOfSpecialist } from "./repo.js";

/** The open next steps of the engagements I work on as a specialist, dated ones first. */
export async function myNextSteps(ctx: Ctx): Promise<HomeDue["nextSteps"]> {
  if (!ctx.actor) return [];
  const rows = await openStepsOfSpecialist(ctx, ctx.actor.userId, 10);
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
