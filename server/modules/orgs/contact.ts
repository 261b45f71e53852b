import { idParams } from "../../../shared/api/common.js";
import { type OrgContact, orgContact } from "../../../shared/api/orgs.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import type { App } from "../../platform/http/types.js";
import { authorize } from "../../platform/policy/authorize.js";
import { findOrgContactRow, findOrgRow, upsertOrgContact } from "./repo.js";

const empty: OrgContact = { department: "", person: "", phone: "", email: "", address: "" };

async function getOrgContact(ctx: Ctx, orgId: string): Promise<OrgContact> {
  authorize(ctx.actor, "org.read");
  if (!(await findOrgRow(ctx, orgId))) throw notFound("団体");
  const row = await findOrgContactRow(ctx, orgId);
  return row
    ? { department: row.department, person: row.person, phone: row.phone, email: row.email, address: row.address }
    : empty;
}

async function saveOrgContact(ctx: Ctx, orgId: string, input: OrgContact): Promise<OrgContact> {
  authorize(ctx.actor, "org.contact.update", { id: orgId });
  return inTx(ctx, async (tx) => {
    const before = await getOrgContact(tx, orgId);
    await upsertOrgContact(tx, orgId, { ...input, updated_at: nowIso() });
    await recordAudit(tx, "org.contact.update", { type: "org", id: orgId }, diff(before, input));
    return getOrgContact(tx, orgId);
  });
}

export function orgContactRoutes(app: App) {
  app.get("/orgs/:id/contact", { schema: { params: idParams, response: { 200: orgContact } } }, (req) =>
    getOrgContact(req.ctx, req.params.id),
  );
  app.put("/orgs/:id/contact", { schema: { params: idParams, body: orgContact, response: { 200: orgContact } } }, (req) =>
    saveOrgContact(req.ctx, req.params.id, req.body),
  );
}
