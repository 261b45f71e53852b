import type { Ctx } from "../../platform/context.js";

/**
 * Each item of a programme with its slot: the items without one get the next numbers (in their order in
 * the programme), so a slot, once given, never changes and is never reused. Two writers numbering the
 * same items at once (PostgreSQL) both insert without overwriting; the one whose numbers were taken
 * reads again and numbers what is still missing.
 */
export async function programmeSlots(ctx: Pick<Ctx, "db">, programmeId: string): Promise<Map<string, number>> {
  for (;;) {
    const rows = await ctx.db
      .selectFrom("progress_items as i")
      .leftJoin("progress_item_slots as s", "s.item_id", "i.id")
      .select(["i.id", "s.slot"])
      .where("i.programme_id", "=", programmeId)
      .orderBy("i.sort_order")
      .orderBy("i.code")
      .execute();
    const missing = rows.filter((r) => r.slot == null);
    if (!missing.length) return new Map(rows.map((r) => [r.id, r.slot!]));
    const top = await ctx.db
      .selectFrom("progress_item_slots")
      .select((eb) => eb.fn.max("slot").as("top"))
      .where("programme_id", "=", programmeId)
      .executeTakeFirst();
    const next = top?.top == null ? 0 : Number(top.top) + 1;
    await ctx.db
      .insertInto("progress_item_slots")
      .values(missing.map((r, i) => ({ programme_id: programmeId, slot: next + i, item_id: r.id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** The items of a programme by slot (a slot of no item, never: items are archived, not deleted). */
export async function slotItems(ctx: Pick<Ctx, "db">, programmeId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("progress_item_slots")
    .select(["slot", "item_id"])
    .where("programme_id", "=", programmeId)
    .execute();
  const out: string[] = [];
  for (const r of rows) out[r.slot] = r.item_id;
  return out;
}
