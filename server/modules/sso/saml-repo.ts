import type { Ctx } from "../../platform/context.js";
import type { SamlRequestsTable } from "../../platform/db/schema.js";

/** Keeps an AuthnRequest's ID until its response comes back (and drops the ones that expired). */
export async function insertSamlRequest(ctx: Ctx, row: SamlRequestsTable): Promise<void> {
  await ctx.db.deleteFrom("saml_requests").where("expires_at", "<", row.created_at).execute();
  await ctx.db.insertInto("saml_requests").values(row).execute();
}

/** Takes a request once: the row is deleted as it is read, so a replayed response (same InResponseTo) finds nothing. */
export const takeSamlRequest = (ctx: Ctx, provider: string, id: string) =>
  ctx.db.deleteFrom("saml_requests").where("id", "=", id).where("provider", "=", provider).returningAll().executeTakeFirst();
