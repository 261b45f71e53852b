import type { Ctx } from "../context.js";

/**
 * In-memory copies of small reference data that nearly every request reads and that rarely
 * changes (settings, bodies and their memberships). Each copy is valid while the database's
 * `cache_versions.reference` counter is unchanged; triggers (migration 0650) raise it on every
 * write to those tables, whichever instance, CLI command or SQL made it. So several instances
 * behind a load balancer stay correct: each use costs one primary-key read of the counter instead
 * of the queries it replaces, and a change is seen by the next request everywhere.
 * A signed-in GET carries the counter read with its session (ctx.referenceVersion), so its uses
 * cost no query at all. Inside a transaction the data is read directly (the transaction may have changed it and may
 * still roll back). Copies are per database handle and shared: callers must not mutate them.
 */
const copies = new WeakMap<object, Map<string, { version: number; tag: string; value: unknown }>>();

export async function referenceVersion(ctx: Ctx): Promise<number> {
  return cacheVersion(ctx, "reference");
}

/** A counter of cache_versions: "reference" (0650), "progress" (0880, progress/view-cache.ts). */
export async function cacheVersion(ctx: Pick<Ctx, "db">, key: string): Promise<number> {
  const row = await ctx.db.selectFrom("cache_versions").select("version").where("key", "=", key).executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** `load(ctx)` once per counter value (and `tag`, e.g. today's date for "current" memberships). */
export async function cachedReference<T>(ctx: Ctx, key: string, tag: string, load: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return load(ctx);
  // Read the counter before the data: data newer than its counter only causes one extra reload.
  const version = ctx.referenceVersion ?? (await referenceVersion(ctx));
  let mine = copies.get(ctx.db);
  if (!mine) {
    mine = new Map();
    copies.set(ctx.db, mine);
  }
  const hit = mine.get(key);
  if (hit && hit.version === version && hit.tag === tag) return hit.value as T;
  const value = await load(ctx);
  mine.set(key, { version, tag, value });
  return value;
}
