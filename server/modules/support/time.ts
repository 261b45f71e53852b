import type { z } from "zod";
import type { timeInput, timeTotalsQuery } from "../../../shared/api/support.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { findSession, insertTimeEntry, monthlyMinutes } from "./repo.js";
import { visibleEngagement } from "./service.js";

type TimeFor = { orgId: string; consultationId: string | null; sessionId: string | null };

/** Records time a specialist spent for a town; the caller has checked the consultation or session is visible. */
export async function logTime(ctx: Ctx, on: TimeFor, input: z.infer<typeof timeInput>) {
  authorize(ctx.actor, "support.logTime");
  const actor = ctx.actor;
  return inTx(ctx, async (tx) => {
    const id = newId();
    await insertTimeEntry(tx, {
      id,
      user_id: actor.userId,
      org_id: on.orgId,
      consultation_id: on.consultationId,
      session_id: on.sessionId,
      date: input.date,
      minutes: input.minutes,
      note: input.note,
      created_at: nowIso(),
    });
    await recordAudit(
      tx,
      "support.logTime",
      { type: on.sessionId ? "supportSession" : "consultation", id: on.sessionId ?? on.consultationId },
      { minutes: input.minutes, date: input.date, orgId: on.orgId },
    );
    return { id, minutes: input.minutes, date: input.date, note: input.note };
  });
}

/** Time on one session of an engagement. */
export async function logSessionTime(ctx: Ctx, engagementId: string, sessionId: string, input: z.infer<typeof timeInput>) {
  const e = await visibleEngagement(ctx, engagementId);
  const session = await findSession(ctx, engagementId, sessionId);
  if (!session) throw notFound("支援の記録");
  return logTime(ctx, { orgId: e.org_id, consultationId: null, sessionId }, input);
}

/** The month's minutes per specialist and per town. */
export async function timeTotalsFor(ctx: Ctx, q: z.infer<typeof timeTotalsQuery>) {
  authorize(ctx.actor, "support.workload");
  const { bySpecialist, byOrg } = await monthlyMinutes(ctx, q.month);
  return {
    month: q.month,
    bySpecialist: bySpecialist.map((r) => ({ userId: r.id, name: r.name, minutes: Number(r.minutes) })),
    byOrg: byOrg.map((r) => ({ orgId: r.id, name: r.name, minutes: Number(r.minutes) })),
  };
}
