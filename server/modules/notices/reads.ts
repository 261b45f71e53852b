import type { ReadStatus } from "../../../shared/api/notices.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { conflict } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import { visibleNotice } from "./access.js";
import { audienceOrgs, audienceReads, findRead, firstReadByOrg, insertRead } from "./reads-repo.js";
import { updateNoticeRow } from "./repo.js";

/** The signed-in user has read (for required reading: confirmed) the notice. Idempotent. */
export async function markRead(ctx: Ctx, id: string) {
  return inTx(ctx, async (tx) => {
    const { subject } = await visibleNotice(tx, id);
    authorize(tx.actor, "notice.markRead", subject);
    const existing = await findRead(tx, id, tx.actor.userId);
    if (existing) return { ok: true as const, readAt: existing.read_at };
    const readAt = nowIso();
    await insertRead(tx, { notice_id: id, user_id: tx.actor.userId, org_id: tx.actor.orgId, read_at: readAt });
    await recordAudit(tx, "notice.read", { type: "notice", id });
    return { ok: true as const, readAt };
  });
}

async function buildStatus(ctx: Ctx, id: string, bodyId: string | null, remindedAt: string | null): Promise<ReadStatus> {
  const orgs = await audienceOrgs(ctx, bodyId);
  const users = await audienceReads(
    ctx,
    id,
    orgs.map((o) => o.id),
  );
  const firstRead = await firstReadByOrg(ctx, id);
  const out = orgs.map((o) => ({
    id: o.id,
    name: o.name,
    read: firstRead.has(o.id),
    firstReadAt: firstRead.get(o.id) ?? null,
    users: users.filter((u) => u.org_id === o.id).map((u) => ({ id: u.id, name: u.name, readAt: u.read_at ?? null })),
  }));
  return { orgs: out, readOrgCount: out.filter((o) => o.read).length, orgCount: out.length, remindedAt };
}

/** Who has read it, per organisation and per user (an organisation counts as read once any of its staff has). */
export async function readStatus(ctx: Ctx, id: string): Promise<ReadStatus> {
  const { row, subject } = await visibleNotice(ctx, id);
  authorize(ctx.actor, "notice.viewReads", subject);
  return buildStatus(ctx, id, row.body_id, row.reminded_at);
}

const remindGapMs = 10 * 60_000;

/** Reminds the organisations where nobody has read the required notice yet: all their active staff. */
export async function remindUnread(ctx: Ctx, id: string) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleNotice(tx, id);
    authorize(tx.actor, "notice.remind", subject);
    if (row.reminded_at && Date.now() - Date.parse(row.reminded_at) < remindGapMs)
      throw conflict("10分以内に督促したばかりです。少し時間をおいてからもう一度お試しください。");
    const status = await buildStatus(tx, id, row.body_id, row.reminded_at);
    const unread = status.orgs.filter((o) => !o.read);
    if (unread.length === 0) throw conflict("すべての団体が確認済みです。督促の必要はありません。");
    const notified = await notify(tx, {
      orgIds: unread.map((o) => o.id),
      category: "notice",
      title: `【確認のお願い】${row.title}`,
      body: `確認が必要なお知らせが、まだ貴団体で確認されていません。内容をご確認のうえ「確認しました」を押してください。\n\n${row.title}`,
      link: `/notices/${id}`,
      mail: { template: "notice.remind", vars: { 件名: row.title } },
    });
    const now = nowIso();
    await updateNoticeRow(tx, id, { reminded_at: now });
    await recordAudit(tx, "notice.remind", { type: "notice", id }, { orgIds: unread.map((o) => o.id), users: notified });
    return { notifiedUsers: notified, orgs: unread.length };
  });
}
