import type { z } from "zod";
import type { timeInput } from "../../../shared/api/support.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { conflict } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { createEngagement, engagementsFromConsultation, logTime } from "../support/service.js";
import { visibleConsultation } from "./service.js";

/**
 * From desk to support in one step: a support engagement for the consultation's town, its theme and
 * goals taken from the consultation, the specialist who starts it on it, linked both ways.
 */
export async function startSupport(ctx: Ctx, consultationId: string) {
  const c = await visibleConsultation(ctx, consultationId);
  authorize(ctx.actor, "support.manage");
  const actor = ctx.actor;
  return inTx(ctx, async (tx) => {
    const existing = await engagementsFromConsultation(tx, consultationId);
    if (existing.length)
      throw conflict(`この相談からは既に伴走支援「${existing[0]!.theme}」を始めています。その支援の画面で記録してください。`);
    const engagement = await createEngagement(
      tx,
      {
        orgId: c.org_id,
        theme: c.subject,
        goals: c.body.slice(0, 5000),
        startDate: jstDate(),
        endDate: null,
        status: "planned",
        outcome: "",
        specialistIds: actor.role === "specialist" ? [actor.userId] : [],
        progressItemIds: [],
      },
      { consultationId },
    );
    await recordAudit(
      tx,
      "consultation.toSupport",
      { type: "consultation", id: consultationId },
      { engagementId: engagement.id },
    );
    return engagement;
  });
}

/** A specialist's time on a consultation, counted for the consultation's town. */
export async function logConsultationTime(ctx: Ctx, consultationId: string, input: z.infer<typeof timeInput>) {
  const c = await visibleConsultation(ctx, consultationId);
  return logTime(ctx, { orgId: c.org_id, consultationId, sessionId: null }, input);
}
