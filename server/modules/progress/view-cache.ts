import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { versionedCache } from "../../platform/db/versioned-cache.js";

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
const views = versionedCache(24);

export async function cachedView<T>(ctx: Ctx, key: string, load: () => Promise<T>, asOf?: string | null): Promise<T> {
  const today = jstDate();
  const counter = asOf && asOf.slice(0, 7) < today.slice(0, 7) ? "progress_past" : "progress";
  return (await views(ctx, key, [counter, "reference"], load, today)).value;
}

/**
 * The JSON of a view object as UTF-8 bytes, kept beside it while that same object is the one served: a
 * request for an unchanged view sends the bytes as they are (1,741 municipalities are neither encoded through
 * the contract nor turned into UTF-8 again: ≈ 1.3 ms for the 318 KB summary).
 */
const bodies = new WeakMap<object, Buffer>();
export function cachedBody(value: object, encode: () => string): Buffer {
  let body = bodies.get(value);
  if (body === undefined) {
    body = Buffer.from(encode());
    bodies.set(value, body);
  }
  return body;
}
