import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { can } from "../../platform/policy/authorize.js";
import { visibleBodyList } from "../bodies/service.js";
import type { ChallengeSubject } from "./policy.js";
import "./policy.js";
import { type ChallengeRow, findChallengeRow } from "./repo.js";

/** Body names the actor may see: a challenge filed under a members-only working group stays within it. */
export async function visibleBodyNames(ctx: Ctx) {
  const items = await visibleBodyList(ctx);
  return new Map(items.map((b) => [b.id, b.name]));
}

export const challengeSubject = (
  ctx: Ctx,
  row: Pick<ChallengeRow, "body_id" | "org_id">,
  bodies: Map<string, string>,
): ChallengeSubject => ({
  visible: !row.body_id || bodies.has(row.body_id),
  ownOrg: row.org_id === ctx.actor?.orgId,
});

/** Loads a challenge the actor may see, or 404. */
export async function visibleChallenge(ctx: Ctx, id: string) {
  const row = await findChallengeRow(ctx, id);
  if (!row) throw notFound("課題");
  const bodies = await visibleBodyNames(ctx);
  const subject = challengeSubject(ctx, row, bodies);
  if (!can(ctx.actor, "challenge.read", subject)) throw notFound("課題");
  return { row, subject, bodies };
}
