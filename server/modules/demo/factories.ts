import type { z } from "zod";
import type { bodyInput } from "../../../shared/api/bodies.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Actor, type Ctx, newId, nowIso } from "../../platform/context.js";
import type { BodyMembersTable, OrgsTable, UsersTable } from "../../platform/db/schema.js";
import { insertBody, insertMember } from "../bodies/repo.js";
import { insertOrg } from "../orgs/repo.js";
import { findUserByEmail } from "../users/repo.js";
import { actorOfUser, insertNewUser } from "../users/service.js";

/**
 * Factories for the demo seed and for tests (one code path for both).
 * They write as the system (no actor) and record an audit row like any other mutation.
 */
export async function makeOrg(ctx: Ctx, o: Partial<OrgsTable> & Pick<OrgsTable, "name" | "kind">): Promise<string> {
  const now = nowIso();
  const id = o.id ?? newId();
  await insertOrg(ctx, {
    id,
    lg_code: o.lg_code ?? null,
    kind: o.kind,
    name: o.name,
    kana: o.kana ?? o.name,
    name_en: o.name_en ?? null,
    population: o.population ?? null,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(ctx, "org.create", { type: "org", id }, { via: "seed", name: o.name });
  return id;
}

export async function makeUser(
  ctx: Ctx,
  u: { email: string; name: string; role: UsersTable["role"]; orgId: string; isOrgAdmin?: boolean; passwordHash: string },
): Promise<string> {
  const id = await insertNewUser(ctx, u);
  await recordAudit(ctx, "user.create", { type: "user", id }, { via: "seed", email: u.email, role: u.role });
  return id;
}

export async function makeBody(ctx: Ctx, b: z.input<typeof bodyInput>): Promise<string> {
  const now = nowIso();
  const id = newId();
  await insertBody(ctx, {
    id,
    kind: b.kind,
    parent_id: b.parentId ?? null,
    name: b.name,
    name_en: b.nameEn ?? null,
    theme: b.theme ?? null,
    description: b.description ?? "",
    visibility: b.visibility ?? "all",
    created_at: now,
    updated_at: now,
  });
  await recordAudit(ctx, "body.create", { type: "body", id }, { via: "seed", name: b.name });
  return id;
}

export async function makeMember(
  ctx: Ctx,
  bodyId: string,
  m: { orgId?: string; userId?: string; position: BodyMembersTable["position"]; termStart?: string },
): Promise<string> {
  const id = newId();
  await insertMember(ctx, {
    id,
    body_id: bodyId,
    org_id: m.orgId ?? null,
    user_id: m.userId ?? null,
    position: m.position,
    term_start: m.termStart ?? null,
    term_end: null,
    created_at: nowIso(),
  });
  return id;
}

/** The Actor of an account with this e-mail, read from the users and orgs tables: the same one the session middleware builds. */
export async function actorOf(ctx: Ctx, email: string): Promise<Actor> {
  const u = await findUserByEmail(ctx, email);
  if (!u) throw new Error(`no account ${email}`);
  return actorOfUser(u);
}
