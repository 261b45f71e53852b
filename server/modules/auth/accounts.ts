import type { DormantList, SessionItem } from "../../../shared/api/accounts.js";
import type { PageQuery } from "../../../shared/api/paging.js";
import { jstDate, nextJstTime } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import type { SessionInfo } from "../../platform/auth/session.js";
import { type Actor, type Ctx, inTx, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { defineRecurring } from "../../platform/jobs/recurring.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { type ActionsOf, authorize, can, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/index.js";
import { userRowById } from "../users/index.js";
import { deleteSessionOf, listDormantRows, listSessionRows, newlyDormantByOrg } from "./accounts-repo.js";

type Target = { id: string; org_id: string };
const policies = {
  // One's own sessions; an organisation's administrator for its people; the system administrator for everyone.
  "session.manage": (a: Actor, t?: Target) =>
    !!t && (t.id === a.userId || a.role === "admin" || (a.isOrgAdmin && t.org_id === a.orgId)),
  "account.dormant": (a: Actor) => a.role === "admin" || a.isOrgAdmin,
  "account.dormant.all": (a: Actor) => a.role === "admin",
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The user whose sessions are asked for: someone the actor cannot see at all is a 404, one they see but may not manage a 403. */
async function sessionOwner(ctx: Ctx, userId: string) {
  const u = await userRowById(ctx, userId);
  if (!u || !can(ctx.actor, "user.read", u)) throw notFound("ユーザー");
  authorize(ctx.actor, "session.manage", u);
  return u;
}

export async function listSessions(ctx: Ctx, current: SessionInfo | null, userId: string) {
  await sessionOwner(ctx, userId);
  const rows = await listSessionRows(ctx, userId, nowIso());
  const items: SessionItem[] = rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    userAgent: r.user_agent,
    provider: r.sso_provider ?? null,
    current: r.id === current?.id,
  }));
  return { items, total: items.length };
}

export async function revokeSession(ctx: Ctx, userId: string, sessionId: string) {
  await sessionOwner(ctx, userId);
  await inTx(ctx, async (tx) => {
    if (!(await deleteSessionOf(tx, userId, sessionId))) throw notFound("セッション");
    await recordAudit(tx, "session.revoke", { type: "user", id: userId }, { session: sessionId.slice(0, 12) });
  });
}

const cutoff = (ctx: Ctx, now = Date.now()) => new Date(now - ctx.config.accountDormantDays * 86400_000).toISOString();

/** Accounts unused for ACCOUNT_DORMANT_DAYS: an organisation's administrator sees its own, the system administrator all. */
export async function listDormant(ctx: Ctx, q: PageQuery): Promise<DormantList> {
  authorize(ctx.actor, "account.dormant");
  const orgId = can(ctx.actor, "account.dormant.all") ? undefined : ctx.actor!.orgId;
  const { items, total } = await listDormantRows(ctx, { before: cutoff(ctx), orgId, ...q });
  return {
    days: ctx.config.accountDormantDays,
    total,
    items: items.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      org: { id: r.org_id, name: r.org_name },
      lastSeenAt: r.last_seen_at ?? null,
      createdAt: r.created_at,
    })),
  };
}

/**
 * Tells each organisation's administrators about its accounts that became unused since the last run
 * (their last use crossed the limit in the past day), so each account is flagged once; the list page
 * shows all of them at any time.
 */
export async function notifyDormant(ctx: Ctx, now = Date.now()): Promise<number> {
  const before = cutoff(ctx, now);
  const since = cutoff(ctx, now - 86400_000);
  const groups = await newlyDormantByOrg(ctx, since, before);
  let sent = 0;
  for (const g of groups) {
    if (!g.adminIds.length) continue;
    await inTx(ctx, async (tx) => {
      sent += await notify(tx, {
        userIds: g.adminIds,
        category: "account",
        title: `${ctx.config.accountDormantDays}日以上利用されていないアカウントがあります（${g.names.length}件）`,
        body: `${g.names.join("、")}\n不要なアカウントは無効にしてください。`,
        link: "/admin/accounts",
      });
      await recordAudit(
        { ...tx, actor: null },
        "account.dormantNotified",
        { type: "org", id: g.orgId },
        { count: g.names.length },
      );
    });
  }
  return sent;
}

const DORMANT_JOB = "accounts.dormant";
defineJob(DORMANT_JOB, async (ctx) => {
  await notifyDormant(ctx);
});
// Every morning at 08:00 Japan time.
defineRecurring(DORMANT_JOB, (now) => {
  const at = nextJstTime(now, 8, 0);
  return { at, key: jstDate(at) };
});
