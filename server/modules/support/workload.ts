import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { authorize } from "../../platform/policy/authorize.js";
import { staffWithOpenConsultations } from "../consultations/service.js";
import { activeEngagementsPerSpecialist, openStepsPerSpecialist, sessionsPerAuthorSince } from "./repo.js";

/** Per specialist: engagements under way, sessions in the last 30 days, open and overdue next steps, open consultations. */
export async function specialistWorkload(ctx: Ctx) {
  authorize(ctx.actor, "support.workload");
  const today = jstDate();
  const since = addDays(today, -30);
  const staff = await staffWithOpenConsultations(ctx);
  const count = <T extends { user_id: string | null; n: number | string }>(rows: T[], id: string) =>
    Number(rows.find((r) => r.user_id === id)?.n ?? 0);
  const active = await activeEngagementsPerSpecialist(ctx);
  const sessions = await sessionsPerAuthorSince(ctx, since);
  const [open, late] = await Promise.all([openStepsPerSpecialist(ctx), openStepsPerSpecialist(ctx, today)]);
  return {
    asOf: today,
    items: staff
      .map((u) => ({
        user: { id: u.id, name: u.name, role: u.role },
        activeEngagements: count(active, u.id),
        sessionsLast30Days: count(sessions, u.id),
        openSteps: count(open, u.id),
        overdueSteps: count(late, u.id),
        openConsultations: Number(u.open_count),
      }))
      // The specialists always show; other staff only when they carry work.
      .filter((r) => r.user.role === "specialist" || r.activeEngagements + r.openConsultations + r.sessionsLast30Days > 0),
  };
}
