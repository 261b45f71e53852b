import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { cacheVersion, referenceVersion } from "../../platform/db/reference-cache.js";

/**
 * The national views (dashboard summary, heatmap) computed once per change: a view is kept in memory
 * while the `progress` counter (triggers of migration 0880 on every table they read), the reference
 * counter (settings: the small-town threshold) and the day in Japan are unchanged — so every instance
 * serves the same figures as a fresh computation, and the first read after any write computes anew.
 * A view "as of" a day of an earlier month (`asOf`) follows the `progress_past` counter instead (migration
 * 0921): it reads only definitions and rows of days up to it, so today's edits leave it valid; a view of
 * earlier this month keeps the `progress` counter (its trend ends with the current month's figures).
 * Inside a transaction the view is computed directly. Views are shared: callers must not mutate them.
 */
const MAX_VIEWS = 24;
const views = new WeakMap<object, Map<string, { tag: string; value: unknown }>>();

export async function cachedView<T>(ctx: Ctx, key: string, load: () => Promise<T>, asOf?: string | null): Promise<T> {
  if (ctx.db.isTransaction) return load();
  const today = jstDate();
  const counter = asOf && asOf.slice(0, 7) < today.slice(0, 7) ? "progress_past" : "progress";
  // Counters before the data: data newer than its counters only causes one extra computation.
  const tag = `${counter}:${await cacheVersion(ctx, counter)}|${ctx.referenceVersion ?? (await referenceVersion(ctx))}|${today}`;
  let mine = views.get(ctx.db);
  if (!mine) {
    mine = new Map();
    views.set(ctx.db, mine);
  }
  const hit = mine.get(key);
  if (hit?.tag === tag) {
    mine.delete(key); // most recently used last
    mine.set(key, hit);
    return hit.value as T;
  }
  const value = await load();
  mine.delete(key);
  mine.set(key, { tag, value });
  if (mine.size > MAX_VIEWS) mine.delete(mine.keys().next().value!);
  return value;
}

/** The JSON text of a view object, kept beside it while that same object is the one served. */
const texts = new WeakMap<object, string>();
export function cachedText(value: object, encode: () => string): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = encode();
    texts.set(value, text);
  }
  return text;
}
