import type { Ctx } from "../../platform/context.js";
import type { SsoLoginsTable } from "../../platform/db/schema.js";

export async function insertPendingLogin(ctx: Ctx, row: SsoLoginsTable): Promise<void> {
  await ctx.db.deleteFrom("sso_logins").where("expires_at", "<", row.created_at).execute();
  await ctx.db.insertInto("sso_logins").values(row).execute();
}

/** Takes a sign-in in flight once: the row is deleted as it is read, so a replayed callback finds nothing. */
export const takePendingLogin = (ctx: Ctx, id: string) =>
  ctx.db.deleteFrom("sso_logins").where("id", "=", id).returningAll().executeTakeFirst();

export const findIdentity = (ctx: Ctx, provider: string, subject: string) =>
  ctx.db
    .selectFrom("user_identities")
    .selectAll()
    .where("provider", "=", provider)
    .where("subject", "=", subject)
    .executeTakeFirst();

export const identityOfUser = (ctx: Ctx, provider: string, userId: string) =>
  ctx.db
    .selectFrom("user_identities")
    .selectAll()
    .where("provider", "=", provider)
    .where("user_id", "=", userId)
    .executeTakeFirst();

export async function insertIdentity(ctx: Ctx, provider: string, subject: string, userId: string, at: string) {
  await ctx.db
    .insertInto("user_identities")
    .values({ provider, subject, user_id: userId, created_at: at, last_login_at: at })
    .execute();
}

export async function touchIdentity(ctx: Ctx, provider: string, subject: string, at: string) {
  await ctx.db
    .updateTable("user_identities")
    .set({ last_login_at: at })
    .where("provider", "=", provider)
    .where("subject", "=", subject)
    .execute();
}

/** Every account one provider (or the directory, "ldap") manages, with the fields a sync compares. */
export const identitiesWithUsers = (ctx: Ctx, provider: string) =>
  ctx.db
    .selectFrom("user_identities as i")
    .innerJoin("users as u", "u.id", "i.user_id")
    .innerJoin("orgs as o", "o.id", "u.org_id")
    .select([
      "o.name as org_name",
      "i.subject",
      "u.id",
      "u.email",
      "u.name",
      "u.org_id",
      "u.role",
      "u.is_org_admin",
      "u.status",
      "u.department",
      "u.title",
    ])
    .where("i.provider", "=", provider)
    .execute();

/** Drops one identity link (a directory entry replaced by a new one for the same person). */
export async function deleteIdentity(ctx: Ctx, provider: string, subject: string) {
  await ctx.db.deleteFrom("user_identities").where("provider", "=", provider).where("subject", "=", subject).execute();
}
