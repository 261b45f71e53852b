import type { z } from "zod";
import type { NoticeDetail, noticeInput, noticePatch, noticeQuery } from "../../../shared/api/notices.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { bodyStanding, noticeSubject, runsCouncil, visibleNotice } from "./access.js";
import { presentDetail, presentNotice } from "./present.js";
import { deleteNoticeRow, insertNotice, listNoticeRows, loadNoticeExtras, type NoticeRow, updateNoticeRow } from "./repo.js";
import { indexNotice } from "./search-hook.js";

export async function listNotices(ctx: Ctx, q: z.infer<typeof noticeQuery>) {
  authorize(ctx.actor, "notice.list");
  const actor = ctx.actor;
  const standing = await bodyStanding(ctx);
  const council = runsCouncil(actor);
  const { rows, total } = await listNoticeRows(ctx, {
    userId: actor.userId,
    category: q.category,
    statuses: q.status === "active" ? ["published"] : [q.status],
    bodyId: q.bodyId,
    unread: q.unread === "true",
    visibleBodies: council ? null : [...standing.visible.keys()],
    editableBodies: council ? null : [...standing.runs],
    limit: q.limit,
    offset: q.offset,
  });
  return {
    total,
    // A body's chair or secretariat may post to that body, so "create" depends on the actor's standing.
    abilities: { canCreate: can(actor, "notice.create", { runsBody: standing.runs.size > 0 }) },
    items: rows.map((r) =>
      presentNotice(actor, r, noticeSubject(r, standing), {
        body: r.body_id ? { id: r.body_id, name: r.body_name ?? "" } : null,
        authorName: r.author_name,
        authorOrgName: r.author_org_name,
        readByMe: !!r.read_by_me,
        attachmentCount: Number(r.attachment_count ?? 0),
      }),
    ),
  };
}

export async function getNotice(ctx: Ctx, id: string): Promise<NoticeDetail> {
  const { row, subject } = await visibleNotice(ctx, id);
  const x = await loadNoticeExtras(ctx, id, ctx.actor?.userId ?? null);
  return presentDetail(
    ctx.actor,
    row,
    subject,
    { body: x.body, authorName: x.author.author_name, authorOrgName: x.author.author_org_name, readByMe: x.readByMe },
    x.attachments,
  );
}

/** A body's notice may be posted by the council secretariat or by that body's chair or secretariat. */
async function checkBody(ctx: Ctx, bodyId: string | null | undefined) {
  const standing = await bodyStanding(ctx);
  if (bodyId && !standing.visible.has(bodyId))
    throw invalid("会議体が見つかりません。", [{ path: "bodyId", message: "会議体を選び直してください" }]);
  return { runsBody: !!bodyId && standing.runs.has(bodyId) };
}

export async function createNotice(ctx: Ctx, input: z.infer<typeof noticeInput>): Promise<NoticeDetail> {
  return inTx(ctx, async (tx) => {
    authorize(tx.actor, "notice.create", await checkBody(tx, input.bodyId));
    const now = nowIso();
    const row: NoticeRow = {
      id: newId(),
      category: input.category,
      body_id: input.bodyId,
      title: input.title,
      body_md: input.bodyMd,
      links: JSON.stringify(input.links),
      status: "draft",
      publish_at: null,
      published_at: null,
      pinned: 0,
      required: input.required ? 1 : 0,
      reminded_at: null,
      created_by: tx.actor.userId,
      org_id: tx.actor.orgId,
      created_at: now,
      updated_at: now,
    };
    await insertNotice(tx, row);
    await recordAudit(tx, "notice.create", { type: "notice", id: row.id }, { after: input });
    return getNotice(tx, row.id);
  });
}

export async function updateNotice(ctx: Ctx, id: string, patch: z.infer<typeof noticePatch>): Promise<NoticeDetail> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleNotice(tx, id);
    authorize(tx.actor, "notice.edit", subject);
    if (patch.bodyId !== undefined && patch.bodyId !== row.body_id)
      authorize(tx.actor, "notice.create", await checkBody(tx, patch.bodyId));
    const next: Partial<NoticeRow> = {
      category: patch.category,
      body_id: patch.bodyId,
      title: patch.title,
      body_md: patch.bodyMd,
      links: patch.links ? JSON.stringify(patch.links) : undefined,
      required: patch.required === undefined ? undefined : patch.required ? 1 : 0,
    };
    await updateNoticeRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "notice.update", { type: "notice", id }, diff(row, next));
    await indexNotice(tx, id);
    return getNotice(tx, id);
  });
}

/** Only drafts and scheduled notices can be deleted; published ones are archived instead, so reads stay on record. */
export async function deleteNotice(ctx: Ctx, id: string) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleNotice(tx, id);
    authorize(tx.actor, "notice.edit", subject);
    if (row.status === "published" || row.status === "archived")
      throw conflict("公開済みのお知らせは削除できません。既読の記録を残すため、アーカイブしてください。");
    await deleteNoticeRow(tx, id);
    await recordAudit(tx, "notice.delete", { type: "notice", id }, { title: row.title, status: row.status });
    await indexNotice(tx, id);
    return { ok: true as const };
  });
}
