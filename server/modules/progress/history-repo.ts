import type { Ctx } from "../../platform/context.js";

/** History rows with the actor's and the evidence file's names, newest first. */
function withNames(ctx: Ctx) {
  return ctx.db
    .selectFrom("progress_history as h")
    .innerJoin("progress_records as r", "r.id", "h.record_id")
    .leftJoin("users as u", "u.id", "h.actor_user_id")
    .leftJoin("orgs as o", "o.id", "u.org_id")
    .leftJoin("files as f", "f.id", "h.file_id")
    .selectAll("h")
    .select([
      "r.item_id",
      "r.org_id",
      "u.name as actor_name",
      "o.name as actor_org",
      "f.name as file_name",
      "f.size as file_size",
    ])
    .orderBy("h.at", "desc")
    .orderBy("h.id", "desc");
}

/** A record's history, a page at a time. */
export function recordHistoryRows(ctx: Ctx, recordId: string, page: { limit: number; offset: number }) {
  return withNames(ctx).where("h.record_id", "=", recordId).limit(page.limit).offset(page.offset).execute();
}

/**
 * A municipality's newest `limit` changes to its records of the given items (its current ones): one backward
 * walk of progress_history_org (migration 0990) that stops after the rows shown. The items are checked on the
 * record, not the history rows' record ids: with those, PostgreSQL chose to read every change of the town
 * (1,841 rows at national scale) and sort them.
 */
export async function townHistoryRows(ctx: Ctx, orgId: string, itemIds: string[], limit: number) {
  if (!itemIds.length) return [];
  return withNames(ctx).where("h.org_id", "=", orgId).where("r.item_id", "in", itemIds).limit(limit).execute();
}

/** Step and metric names of items (archived ones too: old history mentions them). */
export async function labelsFor(ctx: Ctx, itemIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!itemIds.length) return out;
  const steps = await ctx.db.selectFrom("progress_steps").select(["id", "name"]).where("item_id", "in", itemIds).execute();
  const metrics = await ctx.db
    .selectFrom("progress_metrics")
    .select(["id", "name", "unit"])
    .where("item_id", "in", itemIds)
    .execute();
  for (const s of steps) out.set(s.id, s.name);
  for (const m of metrics) out.set(m.id, m.unit ? `${m.name}（${m.unit}）` : m.name);
  return out;
}

/** The changes recorded on a record at or after `at`, newest first (to rewind it to an earlier day). */
export function historyChangesSince(ctx: Ctx, recordId: string, at: string) {
  return ctx.db
    .selectFrom("progress_history")
    .select(["changes"])
    .where("record_id", "=", recordId)
    .where("at", ">=", at)
    .orderBy("at", "desc")
    .execute();
}

/** How many history rows a record has. */
export async function countHistory(ctx: Ctx, recordId: string): Promise<number> {
  const total = await ctx.db
    .selectFrom("progress_history")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("record_id", "=", recordId)
    .executeTakeFirstOrThrow();
  return Number(total.n);
}

/** The evidence file attached to a history entry, if any. */
export async function historyFileId(ctx: Ctx, historyId: string): Promise<string | null | undefined> {
  const h = await ctx.db.selectFrom("progress_history").select("file_id").where("id", "=", historyId).executeTakeFirst();
  return h?.file_id;
}
