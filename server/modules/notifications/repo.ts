import type { Ctx } from "../../platform/context.js";
import type { Db } from "../../platform/db/database.js";
import { pageTotal } from "../../platform/db/page-total.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import type { MailOutboxTable, NotificationsTable } from "../../platform/db/schema.js";
import { cachedRead } from "../../platform/db/versioned-cache.js";

/** Active users of these organisations (notify's `orgIds`). */
export const activeUserIdsOf = (ctx: Ctx, orgIds: string[]) =>
  ctx.db.selectFrom("users").select("id").where("org_id", "in", orgIds).where("status", "=", "active").execute();

/** The recipients with their preference for the category and their organisation's name. */
export const recipientsFor = (ctx: Ctx, userIds: string[], category: string) =>
  ctx.db
    .selectFrom("users")
    .leftJoin("notification_prefs as p", (j) => j.onRef("p.user_id", "=", "users.id").on("p.category", "=", category))
    .innerJoin("orgs as o", "o.id", "users.org_id")
    .select(["users.id", "users.email", "users.name", "users.status", "p.mode", "o.name as org_name"])
    .where("users.id", "in", userIds)
    .execute();

export async function insertNotification(ctx: Ctx, row: NotificationsTable): Promise<void> {
  await ctx.db.insertInto("notifications").values(row).execute();
}

interface PageParams {
  userId: string;
  unreadOnly: boolean;
  limit: number;
  offset: number;
}
function usersNotifications(db: Db, p: Pick<PageParams, "userId" | "unreadOnly">) {
  const q = db.selectFrom("notifications").where("user_id", "=", p.userId);
  return p.unreadOnly ? q.where("read_at", "is", null) : q;
}
const pageRows = preparedQuery(
  (db, p: PageParams) =>
    usersNotifications(db, p).selectAll().orderBy("created_at", "desc").orderBy("id").limit(p.limit).offset(p.offset),
  { bound: ["offset"] },
);

/** A page of the user's notifications and their count, kept in memory while notifications are unchanged. */
export function notificationPage(ctx: Ctx, userId: string, q: { unreadOnly: boolean; limit: number; offset: number }) {
  const p = { userId, ...q };
  return cachedRead(
    ctx,
    ["notifications"],
    JSON.stringify(p),
    async () => {
      const rows = await pageRows(ctx.db, ctx.engine, p);
      const total = await pageTotal(rows, q, () => usersNotifications(ctx.db, p));
      return { rows, total };
    },
    { personal: true },
  );
}

const unreadCount = preparedQuery((db, p: { userId: string }) =>
  usersNotifications(db, { userId: p.userId, unreadOnly: true }).select((eb) => eb.fn.countAll<number>().as("n")),
);

export function countUnread(ctx: Ctx, userId: string): Promise<number> {
  return cachedRead(
    ctx,
    ["notifications"],
    `unread:${userId}`,
    async () => {
      const [r] = await unreadCount(ctx.db, ctx.engine, { userId });
      return Number(r!.n);
    },
    { personal: true },
  );
}

export const findOwnNotification = (ctx: Ctx, id: string, userId: string) =>
  ctx.db.selectFrom("notifications").select("id").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();

/** Marks the user's unread notifications read: one, or all when id is null. */
export async function markNotificationsRead(ctx: Ctx, userId: string, id: string | null, at: string): Promise<void> {
  let q = ctx.db.updateTable("notifications").set({ read_at: at }).where("user_id", "=", userId).where("read_at", "is", null);
  if (id !== null) q = q.where("id", "=", id);
  await q.execute();
}

export const prefRows = (ctx: Ctx, userId: string) =>
  ctx.db.selectFrom("notification_prefs").selectAll().where("user_id", "=", userId).execute();

export async function upsertPref(ctx: Ctx, userId: string, category: string, mode: "immediate" | "digest" | "off") {
  await ctx.db
    .insertInto("notification_prefs")
    .values({ user_id: userId, category, mode })
    .onConflict((oc) => oc.columns(["user_id", "category"]).doUpdateSet({ mode }))
    .execute();
}

export async function outboxPage(
  ctx: Ctx,
  q: { limit: number; offset: number },
): Promise<{ rows: MailOutboxTable[]; total: number }> {
  const total = await ctx.db
    .selectFrom("mail_outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await ctx.db
    .selectFrom("mail_outbox")
    .selectAll()
    .orderBy("created_at", "desc")
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Notifications waiting for the digest, per user in order, with the addressee. */
export const undigestedNotifications = (ctx: Ctx) =>
  ctx.db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .innerJoin("orgs as o", "o.id", "u.org_id")
    .select(["n.id", "n.user_id", "n.category", "n.title", "n.link", "u.email", "u.name", "u.status", "o.name as org_name"])
    .where("n.digested_at", "is", null)
    .orderBy("n.user_id")
    .orderBy("n.created_at")
    .execute();

export async function markDigested(ctx: Ctx, userId: string, at: string): Promise<void> {
  await ctx.db
    .updateTable("notifications")
    .set({ digested_at: at })
    .where("user_id", "=", userId)
    .where("digested_at", "is", null)
    .execute();
}

export async function insertOutboxRow(ctx: Ctx, row: MailOutboxTable): Promise<void> {
  await ctx.db.insertInto("mail_outbox").values(row).execute();
}

/** The thread refs of these outbox rows (rows without one are left out). */
export async function outboxThreadRefs(ctx: Ctx, ids: string[]): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("mail_outbox")
    .select("thread_ref")
    .where("id", "in", ids)
    .where("thread_ref", "is not", null)
    .execute();
  return rows.map((r) => r.thread_ref!);
}

export const findOutboxRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirst();

export async function updateOutboxRow(ctx: Ctx, id: string, patch: Partial<MailOutboxTable>): Promise<void> {
  await ctx.db.updateTable("mail_outbox").set(patch).where("id", "=", id).execute();
}
