import type { z } from "zod";
import { type Contact, contactOf } from "../../../shared/api/bodies.js";
import type { inviteInput, PersonContact, User, userListQuery, userPatch } from "../../../shared/api/users.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { hashPassword } from "../../platform/auth/passwords.js";
import { type Actor, type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { abilities, authorize, can } from "../../platform/policy/authorize.js";
import { mailComposer, sendMail } from "../notifications/index.js";
import { findOrgRow } from "../orgs/index.js";
import "./policy.js";
import {
  contactRows,
  deleteSessionsOf,
  findUser,
  findUserByEmail,
  insertUser,
  listUserRows,
  type UserRow,
  type UserWithOrg,
  updateUserRow,
} from "./repo.js";
import { issueToken, revokeTokens } from "./tokens.js";

/**
 * The Actor an account acts as, from its row and its organisation's kind: the one mapping for every path that acts
 * for someone without a session (mail-in, the personal calendar feed, /api/me, the demo seed and tests). The session
 * builds the same from its own row, where the provider's trusted MFA also counts as two-factor.
 */
export const actorOfUser = (
  u: Pick<UserWithOrg, "id" | "org_id" | "org_kind" | "role" | "is_org_admin" | "email" | "name" | "totp_enabled">,
): Actor => ({
  userId: u.id,
  orgId: u.org_id,
  orgKind: u.org_kind,
  role: u.role,
  isOrgAdmin: u.is_org_admin === 1,
  email: u.email,
  name: u.name,
  twoFactorEnabled: u.totp_enabled === 1,
});

function present(ctx: Ctx, r: UserWithOrg): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    isOrgAdmin: r.is_org_admin === 1,
    status: r.status,
    locked: !!r.locked_until && r.locked_until > nowIso(),
    twoFactorEnabled: r.totp_enabled === 1,
    org: { id: r.org_id, name: r.org_name },
    department: r.department ?? "",
    title: r.title ?? "",
    createdAt: r.created_at,
    abilities: {
      ...abilities(ctx.actor, r, { canEdit: "user.update", canUnlock: "user.unlock", canEditContact: "user.contact.update" }),
      canChangeRole: can(ctx.actor, "user.changeRole", r),
    },
  };
}

export async function listUsers(ctx: Ctx, query: z.infer<typeof userListQuery>) {
  authorize(ctx.actor, "user.list");
  const orgId = can(ctx.actor, "user.list.all") ? query.orgId : ctx.actor.orgId;
  const { items, total } = await listUserRows(ctx, { ...query, orgId });
  return { items: items.map((r) => present(ctx, r)), total };
}

/** Loads a user the actor may see; others answer 404 so their existence does not leak. */
async function visibleUser(ctx: Ctx, id: string): Promise<UserWithOrg> {
  const row = await findUser(ctx, id);
  if (!row || !can(ctx.actor, "user.read", row)) throw notFound("ユーザー");
  return row;
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  // Anyone reads their own account (the account page's 所属・役職); others need the user list.
  if (!ctx.actor || id !== ctx.actor.userId) authorize(ctx.actor, "user.list");
  return present(ctx, await visibleUser(ctx, id));
}

interface NewUser {
  email: string;
  name: string;
  role: UserRow["role"];
  orgId: string;
  isOrgAdmin?: boolean;
  passwordHash?: string | null;
}

/** Inserts a user row; shared by invitations, the CLI and the demo seed / test factories. */
export async function insertNewUser(ctx: Ctx, u: NewUser): Promise<string> {
  const email = u.email.toLowerCase();
  if (await findUserByEmail(ctx, email)) throw conflict(`${email} はすでに登録されています。`);
  const org = await findOrgRow(ctx, u.orgId);
  if (!org) throw invalid("所属団体が見つかりません。", [{ path: "orgId", message: "団体を選び直してください" }]);
  const now = nowIso();
  const id = newId();
  await insertUser(ctx, {
    id,
    org_id: u.orgId,
    email,
    name: u.name,
    role: u.role,
    is_org_admin: u.isOrgAdmin ? 1 : 0,
    password_hash: u.passwordHash ?? null,
    status: u.passwordHash ? "active" : "invited",
    failed_logins: 0,
    locked_until: null,
    totp_secret: null,
    totp_enabled: 0,
    totp_last_step: null,
    locale: "ja",
    calendar_token: null,
    created_at: now,
    updated_at: now,
  });
  return id;
}

export async function inviteUser(ctx: Ctx, input: z.infer<typeof inviteInput>): Promise<User> {
  authorize(ctx.actor, "user.invite", { org_id: input.orgId, role: input.role, id: "" });
  // Making someone an org administrator is a role change, whether at invitation or later.
  if (input.isOrgAdmin) authorize(ctx.actor, "user.changeRole");
  return inTx(ctx, async (tx) => {
    const id = await insertNewUser(tx, input);
    const token = await issueToken(tx, id, "invite");
    const link = `${ctx.config.publicUrl}/invitation/${token}`;
    const user = (await findUser(tx, id))!;
    const compose = await mailComposer(tx, {
      template: "account.invite",
      vars: { 団体名: user.org_name, 招待者: `${ctx.actor?.name ?? "管理者"}さん`, リンク: link },
    });
    await sendMail(tx, { to: input.email, ...compose({ name: input.name, orgName: user.org_name }) });
    await recordAudit(tx, "user.invite", { type: "user", id }, { email: input.email, role: input.role, orgId: input.orgId });
    return present(tx, user);
  });
}

export async function updateUser(ctx: Ctx, id: string, patch: z.infer<typeof userPatch>): Promise<User> {
  authorize(ctx.actor, "user.list");
  return inTx(ctx, async (tx) => {
    const before = await visibleUser(tx, id);
    authorize(tx.actor, "user.update", before);
    if (
      (patch.role !== undefined && patch.role !== before.role) ||
      (patch.isOrgAdmin !== undefined && patch.isOrgAdmin !== (before.is_org_admin === 1))
    )
      authorize(tx.actor, "user.changeRole", before);
    if (id === tx.actor?.userId && (patch.status === "disabled" || (patch.role && patch.role !== before.role)))
      throw invalid("自分自身を無効化したり、自分の役割を変更したりすることはできません。");
    const next: Partial<UserRow> = {
      name: patch.name,
      role: patch.role,
      is_org_admin: patch.isOrgAdmin === undefined ? undefined : patch.isOrgAdmin ? 1 : 0,
      status: patch.status && before.status === "invited" && patch.status === "active" ? undefined : patch.status,
    };
    const changes = diff(before, next);
    await updateUserRow(tx, id, { ...next, updated_at: nowIso() });
    if (patch.status === "disabled") await deleteSessionsOf(tx, id);
    await recordAudit(tx, "user.update", { type: "user", id }, changes);
    return present(tx, (await findUser(tx, id))!);
  });
}

/** Sets a person's 所属 and 役職; the audit row holds only what changed (nothing changed: no row). */
export async function updateUserContact(ctx: Ctx, id: string, input: PersonContact): Promise<User> {
  if (!ctx.actor) authorize(ctx.actor, "user.contact.update");
  return inTx(ctx, async (tx) => {
    const row = await findUser(tx, id);
    // Another organisation's person the actor may not list is a 404 (their existence does not leak); a colleague or
    // someone the secretariat sees, but may not edit, is a 403.
    if (!row || (row.org_id !== tx.actor?.orgId && !can(tx.actor, "user.read", row))) throw notFound("ユーザー");
    authorize(tx.actor, "user.contact.update", row);
    const before = { department: row.department ?? "", title: row.title ?? "" };
    const changes = diff(before, input);
    if (Object.keys(changes).length) {
      await updateUserRow(tx, id, { ...input, updated_at: nowIso() });
      await recordAudit(tx, "user.contact.update", { type: "user", id }, changes);
    }
    return present(tx, (await findUser(tx, id))!);
  });
}

export async function unlockUser(ctx: Ctx, id: string): Promise<User> {
  authorize(ctx.actor, "user.list");
  return inTx(ctx, async (tx) => {
    const before = await visibleUser(tx, id);
    authorize(tx.actor, "user.unlock", before);
    await updateUserRow(tx, id, { locked_until: null, failed_logins: 0, updated_at: nowIso() });
    await recordAudit(tx, "user.unlock", { type: "user", id });
    return present(tx, (await findUser(tx, id))!);
  });
}

/** CLI: sets a password directly (no actor: the operator at the server console). */
export async function setPasswordByEmail(ctx: Ctx, email: string, password: string): Promise<void> {
  await inTx(ctx, async (tx) => {
    const u = await findUserByEmail(tx, email);
    if (!u) throw notFound("ユーザー");
    const hash = await hashPassword(password, ctx.config.argon2MemoryKiB);
    await updateUserRow(tx, u.id, {
      password_hash: hash,
      status: u.status === "invited" ? "active" : u.status,
      failed_logins: 0,
      locked_until: null,
      updated_at: nowIso(),
    });
    await deleteSessionsOf(tx, u.id);
    await revokeTokens(tx, u.id, "reset");
    await recordAudit(tx, "user.setPassword", { type: "user", id: u.id }, { via: "cli" });
  });
}

/** CLI: disables a user and ends their sessions. */
export async function disableByEmail(ctx: Ctx, email: string): Promise<void> {
  await inTx(ctx, async (tx) => {
    const u = await findUserByEmail(tx, email);
    if (!u) throw notFound("ユーザー");
    await updateUserRow(tx, u.id, { status: "disabled", updated_at: nowIso() });
    await deleteSessionsOf(tx, u.id);
    await recordAudit(tx, "user.disable", { type: "user", id: u.id }, { via: "cli" });
  });
}

/** A user's row without an actor check, for other modules' rules (the desk's intake names the town's asker). */
export const userRowById = (ctx: Ctx, id: string) => findUser(ctx, id);

/**
 * How to reach each person (issue 15), for the pages where people reach each other (attendance, the desk): their
 * 所属 (else their organisation's department) and 役職, their organisation's phone and representative e-mail.
 */
export async function personContacts(
  ctx: Ctx,
  userIds: (string | null | undefined)[],
): Promise<Map<string, { name: string; contact: Contact | null }>> {
  const rows = await contactRows(
    ctx,
    userIds.filter((id): id is string => !!id),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        name: r.name,
        contact: contactOf({
          department: r.department || r.org_department || "",
          title: r.title ?? "",
          phone: r.phone ?? "",
          email: r.email ?? "",
        }),
      },
    ]),
  );
}
