import type { Ctx } from "../../platform/context.js";
import type { AgendaReferralsTable } from "./tables.js";

export async function insertReferral(ctx: Ctx, row: AgendaReferralsTable) {
  await ctx.db.insertInto("agenda_referrals").values(row).execute();
}

/** An item's moves between bodies, oldest first, with the bodies' and the referrer's names. */
export const listReferralRows = (ctx: Ctx, itemId: string) =>
  ctx.db
    .selectFrom("agenda_referrals as r")
    .innerJoin("bodies as f", "f.id", "r.from_body_id")
    .innerJoin("bodies as t", "t.id", "r.to_body_id")
    .leftJoin("users as u", "u.id", "r.referred_by")
    .selectAll("r")
    .select(["f.name as from_name", "t.name as to_name", "u.name as user_name"])
    .where("r.agenda_item_id", "=", itemId)
    .orderBy("r.referred_at")
    .orderBy("r.id")
    .execute();

/** Referrals to or from a body, newest first, with the item's present title, status and body. */
export const listBodyReferralRows = (ctx: Ctx, bodyId: string) =>
  ctx.db
    .selectFrom("agenda_referrals as r")
    .innerJoin("agenda_items as i", "i.id", "r.agenda_item_id")
    .innerJoin("bodies as f", "f.id", "r.from_body_id")
    .innerJoin("bodies as t", "t.id", "r.to_body_id")
    .leftJoin("users as u", "u.id", "r.referred_by")
    .selectAll("r")
    .select(["f.name as from_name", "t.name as to_name", "u.name as user_name"])
    .select(["i.title as item_title", "i.status as item_status", "i.body_id as item_body_id", "i.disclosure as item_disclosure"])
    .where((eb) => eb.or([eb("r.to_body_id", "=", bodyId), eb("r.from_body_id", "=", bodyId)]))
    .orderBy("r.referred_at", "desc")
    .orderBy("r.id")
    .limit(200)
    .execute();
