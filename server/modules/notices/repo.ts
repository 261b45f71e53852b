import type { Ctx } from "../../platform/context.js";
import type { Db } from "../../platform/db/database.js";
import { pageTotal } from "../../platform/db/page-total.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import { cachedRead } from "../../platform/db/versioned-cache.js";
import type { NoticeAttachmentsTable, NoticesTable } from "./tables.js";

export type NoticeRow = NoticesTable;

/** The columns a list item shows (shared/api/notices.ts `Notice`); the text and links are read only for one notice. */
const noticeListColumns = [
  "id",
  "category",
  "body_id",
  "title",
  "status",
  "publish_at",
  "published_at",
  "pinned",
  "required",
  "updated_at",
] as const satisfies readonly (keyof NoticeRow)[];
export type NoticeListFields = Pick<NoticeRow, (typeof noticeListColumns)[number]>;

export const findNoticeRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("notices").selectAll().where("id", "=", id).executeTakeFirst();

export async function insertNotice(ctx: Ctx, row: NoticeRow) {
  await ctx.db.insertInto("notices").values(row).execute();
}
export async function updateNoticeRow(ctx: Ctx, id: string, patch: Partial<NoticeRow>) {
  await ctx.db.updateTable("notices").set(patch).where("id", "=", id).execute();
}
export async function deleteNoticeRow(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("notice_reads").where("notice_id", "=", id).execute();
  await ctx.db.deleteFrom("notice_attachments").where("notice_id", "=", id).execute();
  await ctx.db.deleteFrom("notices").where("id", "=", id).execute();
}

export interface NoticeListFilter {
  userId: string;
  category?: NoticeRow["category"];
  statuses: NoticeRow["status"][];
  bodyId?: string;
  unread?: boolean;
  /** Bodies whose notices the actor may see; null = no body restriction (council secretariat). */
  visibleBodies: string[] | null;
  /** For drafts and scheduled notices: bodies the actor runs; null = all (council secretariat). */
  editableBodies: string[] | null;
  limit: number;
  offset: number;
}

function listQuery(db: Db, f: NoticeListFilter) {
  let q = db.selectFrom("notices as n").where("n.status", "in", f.statuses);
  if (f.category) q = q.where("n.category", "=", f.category);
  if (f.bodyId) q = q.where("n.body_id", "=", f.bodyId);
  if (f.visibleBodies)
    q = q.where((eb) => eb.or([eb("n.body_id", "is", null), eb("n.body_id", "in", [...f.visibleBodies!, ""])]));
  if (f.editableBodies)
    q = q.where((eb) =>
      eb.or([eb("n.status", "in", ["published", "archived"]), eb("n.body_id", "in", [...f.editableBodies!, ""])]),
    );
  if (f.unread)
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("notice_reads as r")
            .select("r.user_id")
            .whereRef("r.notice_id", "=", "n.id")
            .where("r.user_id", "=", f.userId),
        ),
      ),
    );
  return q;
}

/** Pinned first, then newest (published, else last edited). */
const listPage = preparedQuery(
  (db, f: NoticeListFilter) =>
    listQuery(db, f)
      .leftJoin("bodies as b", "b.id", "n.body_id")
      .innerJoin("users as u", "u.id", "n.created_by")
      .innerJoin("orgs as o", "o.id", "n.org_id")
      .select(noticeListColumns.map((c) => `n.${c}` as const))
      .select(["b.name as body_name", "u.name as author_name", "o.name as author_org_name"])
      .select((eb) => [
        eb
          .exists(
            eb
              .selectFrom("notice_reads as r")
              .select("r.user_id")
              .whereRef("r.notice_id", "=", "n.id")
              .where("r.user_id", "=", f.userId),
          )
          .as("read_by_me"),
        eb
          .selectFrom("notice_attachments as a")
          .select(eb.fn.countAll<number>().as("c"))
          .whereRef("a.notice_id", "=", "n.id")
          .as("attachment_count"),
      ])
      .orderBy("n.pinned", "desc")
      .orderBy((eb) => eb.fn.coalesce("n.published_at", "n.publish_at", "n.updated_at"), "desc")
      .limit(f.limit)
      .offset(f.offset),
  { bound: ["offset"] },
);

/** What a page of notices reads. */
const listTables = ["notices", "bodies", "users", "orgs", "notice_reads", "notice_attachments"];

/** A page of notices with names, whether the user has read each and its attachment count; kept while what it reads is unchanged. */
export async function listNoticeRows(ctx: Ctx, f: NoticeListFilter) {
  return cachedRead(ctx, listTables, JSON.stringify(f), async () => {
    const rows = await listPage(ctx.db, ctx.engine, f);
    const total = await pageTotal(rows, f, () => listQuery(ctx.db, f));
    return { rows, total };
  });
}
export type NoticeListRow = Awaited<ReturnType<typeof listNoticeRows>>["rows"][number];

export const loadNoticeExtras = async (ctx: Ctx, id: string, userId: string | null) => {
  const [attachments, author, body, read] = await Promise.all([
    listAttachmentRows(ctx, id),
    ctx.db
      .selectFrom("notices as n")
      .innerJoin("users as u", "u.id", "n.created_by")
      .innerJoin("orgs as o", "o.id", "n.org_id")
      .select(["u.name as author_name", "o.name as author_org_name"])
      .where("n.id", "=", id)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom("notices as n")
      .innerJoin("bodies as b", "b.id", "n.body_id")
      .select(["b.id", "b.name"])
      .where("n.id", "=", id)
      .executeTakeFirst(),
    userId
      ? ctx.db
          .selectFrom("notice_reads")
          .select("read_at")
          .where("notice_id", "=", id)
          .where("user_id", "=", userId)
          .executeTakeFirst()
      : undefined,
  ]);
  return { attachments, author, body: body ?? null, readByMe: !!read };
};

export const listAttachmentRows = (ctx: Ctx, noticeId: string) =>
  ctx.db
    .selectFrom("notice_attachments as a")
    .innerJoin("files as f", "f.id", "a.file_id")
    .select(["a.id", "a.file_id", "a.text", "f.name", "f.mime", "f.size", "f.sha256"])
    .where("a.notice_id", "=", noticeId)
    .orderBy("a.created_at")
    .execute();

export async function insertAttachment(ctx: Ctx, row: NoticeAttachmentsTable) {
  await ctx.db.insertInto("notice_attachments").values(row).execute();
}
export const findAttachment = (ctx: Ctx, noticeId: string, id: string) =>
  ctx.db
    .selectFrom("notice_attachments as a")
    .innerJoin("files as f", "f.id", "a.file_id")
    .selectAll("f")
    .select(["a.id as attachment_id", "a.notice_id"])
    .where("a.notice_id", "=", noticeId)
    .where("a.id", "=", id)
    .executeTakeFirst();
export async function deleteAttachment(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("notice_attachments").where("id", "=", id).execute();
}

/** An attachment row by its own id (the text-extraction job). */
export const findAttachmentRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("notice_attachments").selectAll().where("id", "=", id).executeTakeFirst();

export async function setAttachmentText(ctx: Ctx, id: string, text: string | null) {
  await ctx.db.updateTable("notice_attachments").set({ text }).where("id", "=", id).execute();
}
