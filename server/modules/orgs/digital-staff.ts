import type { z } from "zod";
import { idParams } from "../../../shared/api/common.js";
import { digitalStaff, digitalStaffInput } from "../../../shared/api/insight.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Actor, type Ctx, inTx, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import type { App } from "../../platform/http/types.js";
import { type ActionsOf, authorize, can, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";
import { findOrgRow, updateOrgRow } from "./repo.js";

/** The digital-staff headcount (デジタル人材の人数, issue 18): the organisation's own admin keeps it, or the secretariat. */
const policies = {
  "org.digitalStaff.update": (a: Actor, s?: { id: string }) => runsCouncil(a) || (a.isOrgAdmin && a.orgId === s?.id),
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

async function getDigitalStaff(ctx: Ctx, orgId: string): Promise<z.infer<typeof digitalStaff>> {
  authorize(ctx.actor, "org.read");
  const row = await findOrgRow(ctx, orgId);
  if (!row) throw notFound("団体");
  return { headcount: row.digital_staff ?? null, canEdit: can(ctx.actor, "org.digitalStaff.update", { id: orgId }) };
}

async function saveDigitalStaff(ctx: Ctx, orgId: string, input: z.infer<typeof digitalStaffInput>) {
  return inTx(ctx, async (tx) => {
    const row = await findOrgRow(tx, orgId);
    if (!row) throw notFound("団体");
    authorize(tx.actor, "org.digitalStaff.update", { id: orgId });
    await updateOrgRow(tx, orgId, { digital_staff: input.headcount, updated_at: nowIso() });
    await recordAudit(
      tx,
      "org.digitalStaff",
      { type: "org", id: orgId },
      { headcount: [row.digital_staff ?? null, input.headcount] },
    );
    return getDigitalStaff(tx, orgId);
  });
}

export function digitalStaffRoutes(app: App) {
  app.get("/orgs/:id/digital-staff", { schema: { params: idParams, response: { 200: digitalStaff } } }, (req) =>
    getDigitalStaff(req.ctx, req.params.id),
  );
  app.put(
    "/orgs/:id/digital-staff",
    { schema: { params: idParams, body: digitalStaffInput, response: { 200: digitalStaff } } },
    (req) => saveDigitalStaff(req.ctx, req.params.id, req.body),
  );
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type DigitalStaffEvent = "org.digitalStaff";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<DigitalStaffEvent, true> {}
}
