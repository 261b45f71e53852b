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
import { type ActionsOf, authorize, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { type MailAttachment, sendMail } from "./mail.js";
import {
  activeUserIdsOf,
  countUnread,
  findOwnNotification,
  insertNotification,
  markDigested,
  markNotificationsRead,
  notificationPage,
  outboxPage,
  prefRows,
  recipientsFor,
  undigestedNotifications,
  upsertPref,
} from "./repo.js";
import { type MailSpec, mailComposer } from "./templates.js";

const policies = { "mail.outbox": (a) => a.role === "admin" } satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

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
  /** The thread the mails are about ("consultation:<id>"): an answer to them is filed there by mail-in. */
  thread?: string;
}

/**
 * Notifies users in the caller's transaction: an in-app row for each, and an e-mail for those
 * whose preference for the category is "immediate" (the default). "digest" users get the daily digest.
 */
export async function notify(ctx: Ctx, n: NotifyInput): Promise<number> {
  const ids = new Set(n.userIds ?? []);
  if (n.orgIds?.length) {
    const rows = await activeUserIdsOf(ctx, n.orgIds);
    for (const r of rows) ids.add(r.id);
  }
  if (!ids.size) return 0;
  const users = await recipientsFor(ctx, [...ids], n.category);
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
    await insertNotification(ctx, {
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
    });
    if (mode === "immediate" && u.status === "active") {
      await sendMail(ctx, {
        to: u.email,
        ...compose({ name: u.name, orgName: u.org_name }),
        attachments: n.attachments,
        thread: n.thread,
      });
    }
    count++;
  }
  return count;
}

export async function listNotifications(ctx: Ctx, q: z.infer<typeof notificationQuery>) {
  const userId = ctx.actor!.userId;
  const { rows, total } = await notificationPage(ctx, userId, {
    unreadOnly: q.unread === "true",
    limit: q.limit,
    offset: q.offset,
  });
  return {
    total,
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
  return countUnread(ctx, ctx.actor!.userId);
}

export async function markRead(ctx: Ctx, id: string | "all"): Promise<void> {
  const userId = ctx.actor!.userId;
  await inTx(ctx, async (tx) => {
    if (id !== "all" && !(await findOwnNotification(tx, id, userId))) throw notFound("通知");
    await markNotificationsRead(tx, userId, id === "all" ? null : id, nowIso());
    await recordAudit(tx, "notification.read", { type: "notification", id: id === "all" ? null : id });
  });
}

export async function getPrefs(ctx: Ctx) {
  const rows = await prefRows(ctx, ctx.actor!.userId);
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
      await upsertPref(tx, userId, category, mode);
    }
    await recordAudit(tx, "notification.setPrefs", { type: "user", id: userId }, prefs);
  });
  return getPrefs(ctx);
}

export async function listOutbox(ctx: Ctx, q: { limit: number; offset: number }) {
  authorize(ctx.actor, "mail.outbox");
  const { rows, total } = await outboxPage(ctx, q);
  return {
    total,
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
  const pending = await undigestedNotifications(ctx);
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
      await markDigested(tx, userId, nowIso());
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

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type NotificationsEvent = "mail.template.reset" | "mail.template.update" | "notification.read" | "notification.setPrefs";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<NotificationsEvent, true> {}
}
