import type { Ctx } from "../../platform/context.js";

/** For agenda suggestions (insight module): a body's action items still open whose due date is before `dueBefore`. */
export function overdueBodyActions(ctx: Ctx, bodyId: string, dueBefore: string) {
  return ctx.db
    .selectFrom("action_items as a")
    .innerJoin("meetings as m", "m.id", "a.meeting_id")
    .innerJoin("orgs as o", "o.id", "a.owner_org_id")
    .select(["a.id", "a.title", "a.due_date as dueDate", "a.meeting_id as meetingId", "o.name as orgName", "o.lg_code as lgCode"])
    .where("m.body_id", "=", bodyId)
    .where("a.status", "!=", "done")
    .where("a.due_date", "<", dueBefore)
    .orderBy("a.due_date")
    .orderBy("a.id")
    .execute();
}
