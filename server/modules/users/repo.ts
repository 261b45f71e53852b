import { type Ctx, nowIso } from "../../platform/context.js";
import { contains } from "../../platform/db/contains.js";
import type { DB, UsersTable, UserTokensTable } from "../../platform/db/schema.js";

export type UserRow = UsersTable;
export type UserWithOrg = UserRow & { org_name: string; org_kind: DB["orgs"]["kind"] };

const withOrg = (ctx: Ctx) =>
  ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .selectAll("users")
    .select(["orgs.name as org_name", "orgs.kind as org_kind"]);

export const findUser = (ctx: Ctx, id: string): Promise<UserWithOrg | undefined> =>
  withOrg(ctx).where("users.id", "=", id).executeTakeFirst();

export const findUserByEmail = (ctx: Ctx, email: string): Promise<UserWithOrg | undefined> =>
  withOrg(ctx).where("users.email", "=", email.toLowerCase()).executeTakeFirst();

export async function listUserRows(
  ctx: Ctx,
  f: { orgId?: string; role?: UserRow["role"]; status?: UserRow["status"]; q?: string; limit: number; offset: number },
) {
  let q = withOrg(ctx);
  if (f.orgId) q = q.where("users.org_id", "=", f.orgId);
  if (f.role) q = q.where("users.role", "=", f.role);
  if (f.status) q = q.where("users.status", "=", f.status);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([contains(ctx, "users.name", text), contains(ctx, "users.email", text)]));
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const items = await q.orderBy("orgs.lg_code").orderBy("users.name").limit(f.limit).offset(f.offset).execute();
  return { items, total: Number(total.n) };
}

export async function insertUser(ctx: Ctx, row: UserRow): Promise<void> {
  await ctx.db.insertInto("users").values(row).execute();
}

export async function updateUserRow(ctx: Ctx, id: string, patch: Partial<UserRow>): Promise<void> {
  await ctx.db.updateTable("users").set(patch).where("id", "=", id).execute();
}

export async function deleteSessionsOf(ctx: Ctx, userId: string): Promise<void> {
  await ctx.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Every account holder's name (the public site's preview looks for them in what it would publish). */
export const listUserNames = async (ctx: Ctx) =>
  (await ctx.db.selectFrom("users").select("name").where("status", "!=", "disabled").execute()).map((r) => r.name);

/** Takes a TOTP time step for the user when it is later than the last one taken (a code is accepted once). */
export async function claimTotpStep(ctx: Ctx, userId: string, step: number): Promise<boolean> {
  const r = await ctx.db
    .updateTable("users")
    .set({ totp_last_step: step })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertTokenRow(ctx: Ctx, row: UserTokensTable): Promise<void> {
  await ctx.db.insertInto("user_tokens").values(row).execute();
}

export const findTokenRow = (ctx: Ctx, id: string, kind: UserTokensTable["kind"]) =>
  ctx.db.selectFrom("user_tokens").selectAll().where("id", "=", id).where("kind", "=", kind).executeTakeFirst();

export async function markTokenUsed(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.updateTable("user_tokens").set({ used_at: nowIso() }).where("id", "=", id).execute();
}

export async function markUnusedTokensUsed(ctx: Ctx, userId: string, kind: UserTokensTable["kind"]): Promise<void> {
  await ctx.db
    .updateTable("user_tokens")
    .set({ used_at: nowIso() })
    .where("user_id", "=", userId)
    .where("kind", "=", kind)
    .where("used_at", "is", null)
    .execute();
}

/** Inserts many users at once (bulk import), in chunks the engines' parameter limits allow. */
export async function insertUsers(ctx: Ctx, rows: UserRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await ctx.db
      .insertInto("users")
      .values(rows.slice(i, i + 400))
      .execute();
}

/** Which of these (lower-case) addresses are registered already. */
export async function registeredEmails(ctx: Ctx, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < emails.length; i += 500) {
    const part = emails.slice(i, i + 500);
    if (!part.length) continue;
    for (const r of await ctx.db.selectFrom("users").select("email").where("email", "in", part).execute()) found.add(r.email);
  }
  return found;
}

/** Every user of one organisation, or of all, in the order of the list page (export). */
export const userExportRows = (ctx: Ctx, orgId?: string) => {
  let q = withOrg(ctx).select("orgs.lg_code as org_lg_code");
  if (orgId) q = q.where("users.org_id", "=", orgId);
  return q.orderBy("orgs.lg_code").orderBy("users.name").orderBy("users.email").execute();
};

/** The users with these (lower-case) addresses, with their organisation (人事異動 lists name people by address). */
export async function usersByEmails(ctx: Ctx, emails: string[]): Promise<UserWithOrg[]> {
  const out: UserWithOrg[] = [];
  for (let i = 0; i < emails.length; i += 500) {
    const part = emails.slice(i, i + 500);
    if (part.length) out.push(...(await withOrg(ctx).where("users.email", "in", part).execute()));
  }
  return out;
}

/** People's 所属・役職 with their organisation's contact row (department, phone, representative e-mail). */
export const contactRows = (ctx: Ctx, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : ctx.db
        .selectFrom("users as u")
        .leftJoin("org_contacts as oc", "oc.org_id", "u.org_id")
        .select(["u.id", "u.name", "u.department", "u.title", "oc.department as org_department", "oc.phone", "oc.email"])
        .where("u.id", "in", [...new Set(userIds)])
        .execute();
