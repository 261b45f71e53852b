import type { Ctx } from "../../platform/context.js";

export const settingRows = (ctx: Ctx) => ctx.db.selectFrom("settings").selectAll().execute();

export async function upsertSetting(ctx: Ctx, key: string, value: string): Promise<void> {
  await ctx.db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}
