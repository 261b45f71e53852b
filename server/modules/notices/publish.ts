import type { z } from "zod";
import { type NoticeDetail, noticeCategoryLabels, type publishInput } from "../../../shared/api/notices.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { conflict, invalid } from "../../platform/errors.js";
import { enqueue } from "../../platform/jobs/queue.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { authorize } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import { visibleNotice } from "./access.js";
import { audienceOrgs } from "./reads-repo.js";
import { findNoticeRow, type NoticeRow, updateNoticeRow } from "./repo.js";
import { indexNotice } from "./search-hook.js";
import { getNotice } from "./service.js";

/** The notice's text for a plain-text mail: the formatting marks dropped, the first 2,000 characters. */
const plainText = (md: string) =>
  md
    .replace(/^#{1,6}\s+/gm, "■")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/^\s*[-*]\s+/gm, "・")
    .replace(/\[(.+?)\]\((.+?)\)/g, "$1（$2）")
    .slice(0, 2000);

/** Publishes now: visible, searchable, and every organisation it is meant for is notified. */
async function publishNow(ctx: Ctx, row: NoticeRow) {
  const now = nowIso();
  await updateNoticeRow(ctx, row.id, { status: "published", published_at: now, publish_at: null, updated_at: now });
  await indexNotice(ctx, row.id);
  const orgs = await audienceOrgs(ctx, row.body_id);
  const label = noticeCategoryLabels[row.category].ja;
  await notify(ctx, {
    orgIds: orgs.map((o) => o.id),
    category: "notice",
    title: `${row.required ? "【要確認】" : ""}${label}：${row.title}`,
    body: row.required
      ? `確認が必要なお知らせが公開されました。内容をご確認のうえ「確認しました」を押してください。\n\n${row.title}`
      : `お知らせが公開されました。\n\n${row.title}`,
    link: `/notices/${row.id}`,
    mail: {
      template: "notice.published",
      vars: { 件名: row.title, 区分: row.required ? `要確認・${label}` : label, 本文: plainText(row.body_md) },
    },
  });
}

export async function publishNotice(ctx: Ctx, id: string, input: z.infer<typeof publishInput>): Promise<NoticeDetail> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleNotice(tx, id);
    authorize(tx.actor, "notice.publish", subject);
    if (row.status === "published") throw conflict("このお知らせはすでに公開されています。");
    if (row.status === "archived") throw conflict("アーカイブ済みのお知らせです。アーカイブを解除してください。");
    if (input.at) {
      const at = new Date(input.at);
      if (at.getTime() <= Date.now())
        throw invalid("公開予約の日時が過去です。これから先の日時を指定するか、今すぐ公開してください。", [
          { path: "at", message: "未来の日時を指定してください" },
        ]);
      const iso = at.toISOString();
      await updateNoticeRow(tx, id, { status: "scheduled", publish_at: iso, updated_at: nowIso() });
      await enqueue(tx, "notices.publishScheduled", { id, at: iso }, { runAt: at, dedupeKey: `notice-publish:${id}:${iso}` });
      await recordAudit(tx, "notice.schedule", { type: "notice", id }, { publishAt: iso });
    } else {
      await publishNow(tx, row);
      await recordAudit(tx, "notice.publish", { type: "notice", id });
    }
    return getNotice(tx, id);
  });
}

/** Back to draft: cancels a schedule, or takes a published notice down (it leaves search; reads are kept). */
export async function unpublishNotice(ctx: Ctx, id: string): Promise<NoticeDetail> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleNotice(tx, id);
    authorize(tx.actor, "notice.publish", subject);
    if (row.status === "draft") throw conflict("このお知らせは下書きです。");
    await updateNoticeRow(tx, id, { status: "draft", publish_at: null, pinned: 0, updated_at: nowIso() });
    await indexNotice(tx, id);
    await recordAudit(tx, "notice.unpublish", { type: "notice", id }, { from: row.status });
    return getNotice(tx, id);
  });
}

export async function pinNotice(ctx: Ctx, id: string, value: boolean): Promise<NoticeDetail> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleNotice(tx, id);
    authorize(tx.actor, "notice.edit", subject);
    if (value && row.status !== "published") throw conflict("固定表示できるのは公開中のお知らせだけです。");
    await updateNoticeRow(tx, id, { pinned: value ? 1 : 0, updated_at: nowIso() });
    await recordAudit(tx, value ? "notice.pin" : "notice.unpin", { type: "notice", id });
    return getNotice(tx, id);
  });
}

/** Archived notices leave the default list (and lose their pin) but stay readable and searchable. */
export async function archiveNotice(ctx: Ctx, id: string, value: boolean): Promise<NoticeDetail> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleNotice(tx, id);
    authorize(tx.actor, "notice.edit", subject);
    if (value && row.status !== "published") throw conflict("アーカイブできるのは公開済みのお知らせだけです。");
    if (!value && row.status !== "archived") throw conflict("このお知らせはアーカイブされていません。");
    await updateNoticeRow(tx, id, { status: value ? "archived" : "published", pinned: 0, updated_at: nowIso() });
    await recordAudit(tx, value ? "notice.archive" : "notice.unarchive", { type: "notice", id });
    await indexNotice(tx, id);
    return getNotice(tx, id);
  });
}

/** The scheduled publication. A later reschedule or unpublish leaves this occurrence with nothing to do. */
defineJob("notices.publishScheduled", async (ctx, { id, at }: { id: string; at: string }) => {
  await inTx(ctx, async (tx) => {
    const row = await findNoticeRow(tx, id);
    if (row?.status !== "scheduled" || row.publish_at !== at) return;
    await publishNow(tx, row);
    await recordAudit(tx, "notice.publish", { type: "notice", id }, { scheduledFor: at });
  });
});
