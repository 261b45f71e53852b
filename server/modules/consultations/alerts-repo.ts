import type { Ctx } from "../../platform/context.js";
import type { ConsultationAlertsTable } from "./tables.js";

/** Whether an alert of this kind was already recorded for the consultation and due date. */
export async function alertRecorded(ctx: Ctx, consultationId: string, kind: string, due: string): Promise<boolean> {
  const seen = await ctx.db
    .selectFrom("consultation_alerts")
    .select("kind")
    .where("consultation_id", "=", consultationId)
    .where("kind", "=", kind)
    .where("due", "=", due)
    .executeTakeFirst();
  return !!seen;
}

export async function insertAlert(ctx: Ctx, row: ConsultationAlertsTable) {
  await ctx.db.insertInto("consultation_alerts").values(row).execute();
}

/** Consultations waiting for the desk (new or in progress) whose next target falls on or before `until`. */
export const runningDueBy = (ctx: Ctx, until: string) =>
  ctx.db
    .selectFrom("consultations")
    .selectAll()
    .where("status", "in", ["new", "in_progress"])
    .where("next_due", "<=", until)
    .execute();

/** Active secretariat users, who hear of missed targets and get the monthly report. */
export async function activeSecretariatIds(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "secretariat")
    .where("status", "=", "active")
    .execute();
  return rows.map((r) => r.id);
}
