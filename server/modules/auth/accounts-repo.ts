import type { Ctx } from "../../platform/context.js";

/** A user's live sessions, newest use first. */
export const listSessionRows = (ctx: Ctx, userId: string, now: string) =>
  ctx.db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_seen_at", "expires_at", "ip", "user_agent", "sso_provider"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("last_seen_at", "desc")
    .execute();

/** Ends one session of the user; answers whether it existed. */
export async function deleteSessionOf(ctx: Ctx, userId: string, sessionId: string): Promise<boolean> {
  const r = await ctx.db.deleteFrom("sessions").where("id", "=", sessionId).where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Active accounts last used (or, never used, created) before `before` and, when given, not before `since`. */
function dormantQuery(ctx: Ctx, f: { before: string; since?: string; orgId?: string }) {
  let q = ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .where("users.status", "=", "active")
    .where((eb) => eb.fn.coalesce("users.last_seen_at", "users.created_at"), "<", f.before);
  if (f.since) q = q.where((eb) => eb.fn.coalesce("users.last_seen_at", "users.created_at"), ">=", f.since);
  if (f.orgId) q = q.where("users.org_id", "=", f.orgId);
  return q;
}

export async function listDormantRows(ctx: Ctx, f: { before: string; orgId?: string; limit: number; offset: number }) {
  const q = dormantQuery(ctx, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const items = await q
    .select([
      "users.id",
      "users.name",
      "users.email",
      "users.role",
      "users.org_id",
      "orgs.name as org_name",
      "users.last_seen_at",
      "users.created_at",
    ])
    .orderBy("orgs.lg_code")
    .orderBy("users.name")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { items, total: Number(total.n) };
}

/** Per organisation, the accounts that became unused in [since, before), and the org's administrators to tell. */
export async function newlyDormantByOrg(ctx: Ctx, since: string, before: string) {
  const rows = await dormantQuery(ctx, { before, since })
    .select(["users.org_id", "users.name"])
    .orderBy("users.org_id")
    .orderBy("users.name")
    .execute();
  if (!rows.length) return [];
  const orgIds = [...new Set(rows.map((r) => r.org_id))];
  const admins = await ctx.db
    .selectFrom("users")
    .select(["id", "org_id"])
    .where("org_id", "in", orgIds)
    .where("is_org_admin", "=", 1)
    .where("status", "=", "active")
    .execute();
  return orgIds.map((orgId) => ({
    orgId,
    names: rows.filter((r) => r.org_id === orgId).map((r) => r.name),
    adminIds: admins.filter((a) => a.org_id === orgId).map((a) => a.id),
  }));
}
