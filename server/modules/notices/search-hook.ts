import type { Ctx } from "../../platform/context.js";
import { indexEntry, removeEntry } from "../search/index.js";
import { findNoticeRow, listAttachmentRows } from "./repo.js";

/**
 * Keeps a notice's search entry in step: published and archived notices are found (with the text of
 * their attachments), drafts and scheduled ones are not. Scoped to the body when it has one.
 */
export async function indexNotice(ctx: Ctx, id: string): Promise<void> {
  const row = await findNoticeRow(ctx, id);
  if (!row || row.status === "draft" || row.status === "scheduled") return removeEntry(ctx, "notice", id);
  const attachments = await listAttachmentRows(ctx, id);
  const links = JSON.parse(row.links) as { title: string; url: string }[];
  await indexEntry(ctx, {
    kind: "notice",
    refId: id,
    title: row.title,
    text: [row.body_md, ...links.map((l) => l.title), ...attachments.flatMap((a) => [a.name, a.text ?? ""])].join("\n"),
    date: row.published_at,
    link: `/notices/${id}`,
    scope: row.body_id ? { type: "body", bodyId: row.body_id } : { type: "all" },
  });
}
