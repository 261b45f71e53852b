import { jstDate } from "../../../shared/dates/jst.js";
import type { Actor, Ctx } from "../../platform/context.js";
import { cachedReference } from "../../platform/db/versioned-cache.js";
import type { BodySubject } from "./policy.js";
import { type BodyRow, currentMemberships, listBodyRows } from "./repo.js";

/** Positions in the order a body lists them; an actor's standing is their highest one. */
const rank: Record<string, number> = { chair: 0, vice_chair: 1, member: 2, secretariat: 3 };
const better = (a: string | undefined, b: string) => (a !== undefined && (rank[a] ?? 4) <= (rank[b] ?? 4) ? a : b);

interface BodyEntry {
  row: BodyRow;
  memberCount: number;
  /** Current personal members: user id → highest position. */
  persons: Map<string, string>;
  /** Current organisation members: org id → every position it holds. */
  orgs: Map<string, string[]>;
}

/** Every body with its current memberships indexed, in list order (HQ, council, WGs, others). */
async function loadBodies(ctx: Ctx): Promise<BodyEntry[]> {
  const [rows, members] = await Promise.all([listBodyRows(ctx), currentMemberships(ctx)]);
  const byId = new Map(rows.map((row) => [row.id, { row, memberCount: 0, persons: new Map(), orgs: new Map() } as BodyEntry]));
  for (const m of members) {
    const b = byId.get(m.body_id);
    if (!b) continue;
    b.memberCount++;
    if (m.user_id) b.persons.set(m.user_id, better(b.persons.get(m.user_id), m.position));
    if (m.org_id) b.orgs.set(m.org_id, [...(b.orgs.get(m.org_id) ?? []), m.position]);
  }
  return [...byId.values()];
}

export interface BodyStanding {
  row: BodyRow;
  memberCount: number;
  /** How many organisations are current members (attendance is asked of each). */
  orgCount: number;
  /** What the body policy needs: visibility and the actor's position (personal, else their organisation's). */
  subject: BodySubject;
  /** The positions the actor's organisation holds in the body (meetings: member or attending secretariat). */
  orgPositions: readonly string[];
}

function standingIn(actor: Actor | null, b: BodyEntry): BodyStanding {
  const personal = (actor && b.persons.get(actor.userId)) ?? null;
  const orgPositions = (actor && b.orgs.get(actor.orgId)) ?? [];
  const viaOrg = orgPositions.reduce<string | undefined>((best, p) => better(best, p), undefined) ?? null;
  return {
    row: b.row,
    memberCount: b.memberCount,
    orgCount: b.orgs.size,
    subject: { visibility: b.row.visibility, myPosition: personal ?? viaOrg, myPersonalPosition: personal },
    orgPositions,
  };
}

/**
 * Every body with the actor's standing in it (not filtered by body.read), from the in-memory copy
 * of bodies and current memberships: no member row is read per request.
 */
export async function bodyStandings(ctx: Ctx): Promise<BodyStanding[]> {
  const bodies = await cachedReference(ctx, "bodies", jstDate(), loadBodies);
  return bodies.map((b) => standingIn(ctx.actor, b));
}
