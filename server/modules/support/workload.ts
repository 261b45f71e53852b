import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { authorize } from "../../platform/policy/authorize.js";

/** Per specialist: engagements under way, sessions in the last 30 days, open and overdue next steps, open consultations. */
export async function specialistWorkload(ctx: Ctx) {
  authorize(ctx.actor, "support.workload");
  const today = jstDate();
  const since = addDays(today, -30);
  const staff = await ctx.db
    .selectFrom("users")
    .select(["id", "name", "role"])
    .where("role", "in", ["specialist", "secretariat", "admin"])
    .where("status", "=", "active")
    .orderBy("role", "desc")
    .orderBy("name")
    .execute();
  const count = <T extends { user_id: string | null; n: number | string }>(rows: T[], id: string) =>
    Number(rows.find((r) => r.user_id === id)?.n ?? 0);
  const active = await ctx.db
    .selectFrom("support_specialists as s")
    .innerJoin("support_engagements as e", "e.id", "s.engagement_id")
    .select(["s.user_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("e.status", "in", ["planned", "active"])
    .groupBy("s.user_id")
    .execute();
  const sessions = await ctx.db
    .selectFrom("support_sessions")
    .select(["created_by as user_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("date", ">=", since)
    .groupBy("created_by")
    .execute();
  const steps = (overdue: boolean) => {
    let q = ctx.db
      .selectFrom("support_specialists as s")
      .innerJoin("support_next_steps as n", "n.engagement_id", "s.engagement_id")
      .select(["s.user_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("n.done_at", "is", null);
    if (overdue) q = q.where("n.due_date", "<", today);
    return q.groupBy("s.user_id").execute();
  };
  const [open, late] = await Promise.all([steps(false), steps(true)]);
  const consultations = await ctx.db
    .selectFrom("consultations")
    .select(["assignee_id as user_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "in", ["new", "in_progress", "waiting"])
    .where("assignee_id", "is not", null)
    .groupBy("assignee_id")
    .execute();
  return {
    asOf: today,
    items: staff
      .map((u) => ({
        user: { id: u.id, name: u.name, role: u.role },
        activeEngagements: count(active, u.id),
        sessionsLast30Days: count(sessions, u.id),
        openSteps: count(open, u.id),
        overdueSteps: count(late, u.id),
        openConsultations: count(consultations, u.id),
      }))
      // The specialists always show; other staff only when they carry work.
      .filter((r) => r.user.role === "specialist" || r.activeEngagements + r.openConsultations + r.sessionsLast30Days > 0),
  };
}
