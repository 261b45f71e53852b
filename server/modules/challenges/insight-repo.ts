import type { Ctx } from "../../platform/context.js";

/**
 * For agenda suggestions (insight module): open challenges of a body (or of no body) not yet on an agenda,
 * with at least `minShares` organisations saying "we have this too", posted on or before `postedBy`.
 */
export function openSharedChallenges(ctx: Ctx, bodyId: string, minShares: number, postedBy: string) {
  return ctx.db
    .selectFrom("challenges as c")
    .innerJoin("orgs as o", "o.id", "c.org_id")
    .select(["c.id", "c.title", "c.theme", "c.created_at as createdAt", "c.share_count as shareCount", "o.name as orgName"])
    .where("c.status", "=", "open")
    .where("c.agenda_item_id", "is", null)
    .where((eb) => eb.or([eb("c.body_id", "=", bodyId), eb("c.body_id", "is", null)]))
    .where("c.share_count", ">=", minShares)
    .where("c.created_at", "<=", postedBy)
    .orderBy("c.created_at")
    .execute();
}

/** The organisations that said "we have this too" on these challenges. */
export async function challengeSharers(ctx: Ctx, challengeIds: string[]) {
  if (challengeIds.length === 0) return [];
  return ctx.db
    .selectFrom("challenge_shares as s")
    .innerJoin("orgs as o", "o.id", "s.org_id")
    .select(["s.challenge_id as challengeId", "o.name as orgName", "o.lg_code as lgCode"])
    .where("s.challenge_id", "in", challengeIds)
    .orderBy("o.lg_code")
    .execute();
}
