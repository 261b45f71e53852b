import type { z } from "zod";
import {
  categoryLabels,
  type NotificationCategory,
  notificationCategories,
  type notificationQuery,
} from "../../../shared/api/notifications.js";
import { nextJstTime } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { redactMailLinks } from "../../platform/http/redact.js";
import { defineRecurring } from "../../platform/jobs/recurring.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { authorize, definePolicies } from "../../platform/policy/authorize.js";
import { type MailAttachment, sendMail } from "./mail.js";
import { type MailSpec, mailComposer } from "./templates.js";

definePolicies({ "mail.outbox": (a) => a.role === "admin" });

export interface NotifyInput {
  /** Recipients: users, and/or every active user of these organisations. */
  userIds?: string[];
  orgIds?: string[];
  category: NotificationCategory;
  title: string;
  body: string;
  /** In-app path, e.g. "/meetings/…"; e-mails get the absolute URL. */
  link?: string;
  /** The official mail's template and its values; without it the mail is the 「その他の通知」 template. */
  mail?: MailSpec;
  /** Files the e-mails carry (the in-app notification links to the page instead). */
  attachments?: MailAttachment[];
}

/**
 * Notifies users in the caller's transaction: an in-app row for each, and an e-mail for those
 * whose preference for the category is "immediate" (the default). "digest" users get the daily digest.
 */
export async function notify(ctx: Ctx, n: NotifyInput): Promise<number> {
  const ids = new Set(n.userIds ?? []);
  if (n.orgIds?.length) {
    const rows = await ctx.db
      .selectFrom("users")
      .select("id")
      .where("org_id", "in", n.orgIds)
      .where("status", "=", "active")
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  if (!ids.size) return 0;
  const users = await ctx.db
    .selectFrom("users")
    .leftJoin("notification_prefs as p", (j) => j.onRef("p.user_id", "=", "users.id").on("p.category", "=", n.category))
    .innerJoin("orgs as o", "o.id", "users.org_id")
    .select(["users.id", "users.email", "users.name", "users.status", "p.mode", "o.name as org_name"])
    .where("users.id", "in", [...ids])
    .execute();
  const now = nowIso();
  const url = n.link ? `${ctx.config.publicUrl}${n.link}` : "";
  const compose = await mailComposer(
    ctx,
    n.mail
      ? { ...n.mail, vars: { リンク: url, ...n.mail.vars } }
      : { template: "general", vars: { 件名: n.title, 本文: n.body, リンク: url } },
  );
  let count = 0;
  for (const u of users) {
    if (u.status === "disabled") continue;
    const mode = u.mode ?? "immediate";
    await ctx.db
      .insertInto("notifications")
      .values({
        id: newId(),
        user_id: u.id,
        category: n.category,
        title: n.title,
        body: n.body,
        link: n.link ?? null,
        read_at: null,
        // Only digest users' rows wait for the digest; the others are settled now.
        digested_at: mode === "digest" ? null : now,
        created_at: now,
      })
      .execute();
    if (mode === "immediate" && u.status === "active") {
      await sendMail(ctx, { to: u.email, ...compose({ name: u.name, orgName: u.org_name }), attachments: n.attachments });
    }
    count++;
  }
  return count;
}

export async function listNotifications(ctx: Ctx, q: z.infer<typeof notificationQuery>) {
  const userId = ctx.actor!.userId;
  let base = ctx.db.selectFrom("notifications").where("user_id", "=", userId);
  if (q.unread === "true") base = base.where("read_at", "is", null);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy("created_at", "desc").orderBy("id").limit(q.limit).offset(q.offset).execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      category: r.category as NotificationCategory,
      title: r.title,
      body: r.body,
      link: r.link,
      readAt: r.read_at,
      createdAt: r.created_at,
    })),
  };
}

export async function unreadCount(ctx: Ctx): Promise<number> {
  const r = await ctx.db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", ctx.actor!.userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(ctx: Ctx, id: string | "all"): Promise<void> {
  const userId = ctx.actor!.userId;
  await inTx(ctx, async (tx) => {
    let q = tx.db
      .updateTable("notifications")
      .set({ read_at: nowIso() })
      .where("user_id", "=", userId)
      .where("read_at", "is", null);
    if (id !== "all") {
      const own = await tx.db
        .selectFrom("notifications")
        .select("id")
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      if (!own) throw notFound("通知");
      q = q.where("id", "=", id);
    }
    await q.execute();
    await recordAudit(tx, "notification.read", { type: "notification", id: id === "all" ? null : id });
  });
}

export async function getPrefs(ctx: Ctx) {
  const rows = await ctx.db.selectFrom("notification_prefs").selectAll().where("user_id", "=", ctx.actor!.userId).execute();
  const prefs = Object.fromEntries(notificationCategories.map((c) => [c, "immediate"])) as Record<
    NotificationCategory,
    "immediate" | "digest" | "off"
  >;
  for (const r of rows) if (r.category in prefs) prefs[r.category as NotificationCategory] = r.mode;
  return { prefs };
}

export async function setPrefs(ctx: Ctx, prefs: Partial<Record<NotificationCategory, "immediate" | "digest" | "off">>) {
  const userId = ctx.actor!.userId;
  await inTx(ctx, async (tx) => {
    for (const [category, mode] of Object.entries(prefs)) {
      if (!mode) continue;
      await tx.db
        .insertInto("notification_prefs")
        .values({ user_id: userId, category, mode })
        .onConflict((oc) => oc.columns(["user_id", "category"]).doUpdateSet({ mode }))
        .execute();
    }
    await recordAudit(tx, "notification.setPrefs", { type: "user", id: userId }, prefs);
  });
  return getPrefs(ctx);
}

export async function listOutbox(ctx: Ctx, q: { limit: number; offset: number }) {
  authorize(ctx.actor, "mail.outbox");
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
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      // E-mail link tokens are for the addressee only: an administrator sees that the mail exists, not the link.
      text: redactMailLinks(r.text),
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    })),
  };
}

/** The daily digest: one e-mail per digest user with their notifications since the last digest. */
export async function sendDigests(ctx: Ctx): Promise<number> {
  const pending = await ctx.db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .innerJoin("orgs as o", "o.id", "u.org_id")
    .select(["n.id", "n.user_id", "n.category", "n.title", "n.link", "u.email", "u.name", "u.status", "o.name as org_name"])
    .where("n.digested_at", "is", null)
    .orderBy("n.user_id")
    .orderBy("n.created_at")
    .execute();
  const byUser = new Map<string, typeof pending>();
  for (const p of pending) byUser.set(p.user_id, [...(byUser.get(p.user_id) ?? []), p]);
  let sent = 0;
  const compose = await mailComposer(ctx, { template: "digest", vars: { リンク: `${ctx.config.publicUrl}/notifications` } });
  for (const [userId, items] of byUser) {
    await inTx(ctx, async (tx) => {
      const first = items[0]!;
      if (first.status === "active") {
        const lines = items.map(
          (i) =>
            `・［${categoryLabels[i.category as NotificationCategory]?.ja ?? i.category}］${i.title}${i.link ? `\n  ${ctx.config.publicUrl}${i.link}` : ""}`,
        );
        const mail = compose(
          { name: first.name, orgName: first.org_name },
          { 件数: String(items.length), 一覧: lines.join("\n") },
        );
        await sendMail(tx, { to: first.email, ...mail });
        sent++;
      }
      await tx.db
        .updateTable("notifications")
        .set({ digested_at: nowIso() })
        .where("user_id", "=", userId)
        .where("digested_at", "is", null)
        .execute();
    });
  }
  return sent;
}

defineJob("notifications.digest", async (ctx) => {
  await sendDigests(ctx);
});
// Every morning at 07:00 Japan time.
defineRecurring("notifications.digest", (now) => {
  const at = nextJstTime(now, 7);
  return { at, key: at.toISOString().slice(0, 10) };
});
