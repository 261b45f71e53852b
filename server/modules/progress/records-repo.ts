import type { Ctx } from "../../platform/context.js";

/** Record-side reads of the edit form, the write path and the exports (the record rows themselves: repo.ts). */

/** An organisation's name and kind (whether it keeps progress is the caller's rule). */
export const findOrg = (ctx: Ctx, orgId: string) =>
  ctx.db.selectFrom("orgs").select(["id", "name", "kind"]).where("id", "=", orgId).executeTakeFirst();

/** The organisations of a batch of updates, by id. */
export const findOrgs = (ctx: Ctx, orgIds: string[]) =>
  ctx.db
    .selectFrom("orgs")
    .select(["id", "kind", "name"])
    .where("id", "in", orgIds.length ? orgIds : [""])
    .execute();

/** Who last updated a record, with their organisation's name. */
export const findUpdater = (ctx: Ctx, userId: string) =>
  ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select(["users.id", "users.name", "orgs.name as orgName"])
    .where("users.id", "=", userId)
    .executeTakeFirst();

/** The id of one municipality's record for one item, if it has one. */
export const findRecordId = (ctx: Ctx, orgId: string, itemId: string) =>
  ctx.db.selectFrom("progress_records").select("id").where("org_id", "=", orgId).where("item_id", "=", itemId).executeTakeFirst();

/** Of the given files, those the user uploaded themself. */
export const filesUploadedBy = (ctx: Ctx, fileIds: string[], userId: string) =>
  ctx.db.selectFrom("files").select("id").where("id", "in", fileIds).where("created_by", "=", userId).execute();

/** An item's records that have a percentage (the trend's rollup moves with them). */
export const itemRecordPcts = (ctx: Ctx, itemId: string) =>
  ctx.db
    .selectFrom("progress_records")
    .select(["org_id", "programme_id", "pct"])
    .where("item_id", "=", itemId)
    .where("pct", "is not", null)
    .execute();

/** The latest fiscal year any municipality reported a metric of the item for. */
export async function latestMetricFy(ctx: Ctx, itemId: string) {
  const r = await ctx.db
    .selectFrom("progress_records")
    .select((eb) => eb.fn.max("metric_fy").as("fy"))
    .where("item_id", "=", itemId)
    .executeTakeFirst();
  return r?.fy;
}
