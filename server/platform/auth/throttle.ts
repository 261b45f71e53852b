import { type Ctx, nowIso } from "../context.js";
import type { SignInFailuresTable } from "../db/schema.js";

/**
 * Failures per key within a window, in the database (`sign_in_failures`), so every instance counts the same
 * ones. Used where a request rate per address and account is not enough: failed sign-ins per address across
 * accounts (password spraying) and failed TOTP codes per account across addresses and sessions. Each call
 * stands alone (never inside the request's transaction): a failure counts even though the request fails.
 */
type Scope = SignInFailuresTable["scope"];
const since = (windowMs: number) => new Date(Date.now() - windowMs).toISOString();

/** True when the key has `max` failures within the last `windowMs`. */
export async function failuresBlocked(ctx: Ctx, scope: Scope, key: string, max: number, windowMs: number) {
  const recent = await ctx.db
    .selectFrom("sign_in_failures")
    .select("failed_at")
    .where("scope", "=", scope)
    .where("key", "=", key)
    .where("failed_at", ">", since(windowMs))
    .limit(max)
    .execute();
  return recent.length >= max;
}

/** Counts one failure, and forgets the failures of this scope that have left the window. */
export async function recordFailure(ctx: Ctx, scope: Scope, key: string, windowMs: number) {
  await ctx.db.deleteFrom("sign_in_failures").where("scope", "=", scope).where("failed_at", "<=", since(windowMs)).execute();
  await ctx.db.insertInto("sign_in_failures").values({ scope, key, failed_at: nowIso() }).execute();
}

export async function clearFailures(ctx: Ctx, scope: Scope, key: string) {
  await ctx.db.deleteFrom("sign_in_failures").where("scope", "=", scope).where("key", "=", key).execute();
}
