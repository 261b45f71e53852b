import type { Ctx } from "../../platform/context.js";

export const settingRows = (ctx: Ctx) => ctx.db.selectFrom("settings").selectAll().execute();

export async function upsertSetting(ctx: Ctx, key: string, value: string): Promise<void> {
  await ctx.db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/** One stored setting's JSON text (mail templates keep theirs as `mailTemplate:<key>` rows). */
export async function findSettingValue(ctx: Ctx, key: string): Promise<string | undefined> {
  return (await ctx.db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst())?.value;
}

export async function deleteSetting(ctx: Ctx, key: string): Promise<void> {
  await ctx.db.deleteFrom("settings").where("key", "=", key).execute();
}
