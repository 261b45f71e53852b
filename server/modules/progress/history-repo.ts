import type { Ctx } from "../../platform/context.js";
import { latestHistoryKeys } from "./recent-repo.js";

/** History rows of records, newest first, with the actor's and the evidence file's names. */
export async function historyRows(ctx: Ctx, recordIds: string[], opts: { limit: number; offset?: number }) {
  if (!recordIds.length) return [];
  const keys = recordIds.length === 1 ? null : await latestHistoryKeys(ctx, recordIds, opts.limit + (opts.offset ?? 0));
  if (keys && !keys.length) return [];
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
    .where((eb) =>
      keys
        ? eb.or(keys.map((key) => eb.and([eb("h.record_id", "=", key.recordId), eb("h.at", "=", key.at)])))
        : eb("h.record_id", "=", recordIds[0]!),
    )
    .orderBy("h.at", "desc")
    .orderBy("h.id", "desc")
    .limit(opts.limit)
    .offset(opts.offset ?? 0)
    .execute();
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
