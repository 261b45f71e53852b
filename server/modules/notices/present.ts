import type { Notice, NoticeDetail } from "../../../shared/api/notices.js";
import type { Actor } from "../../platform/context.js";
import { abilities } from "../../platform/policy/authorize.js";
import { renderMarkdown } from "../../platform/text/markdown.js";
import type { NoticeSubject } from "./policy.js";
import type { NoticeListFields, NoticeRow } from "./repo.js";

const abilityMap = {
  canEdit: "notice.edit",
  canPublish: "notice.publish",
  canViewReads: "notice.viewReads",
  canRemind: "notice.remind",
  canDelete: "notice.delete",
} as const;

export interface NoticeNames {
  body: { id: string; name: string } | null;
  authorName: string;
  authorOrgName: string;
  readByMe: boolean;
  attachmentCount: number;
}

export function presentNotice(actor: Actor | null, row: NoticeListFields, subject: NoticeSubject, names: NoticeNames): Notice {
  return {
    id: row.id,
    category: row.category,
    body: names.body,
    title: row.title,
    status: row.status,
    publishAt: row.publish_at,
    publishedAt: row.published_at,
    pinned: row.pinned === 1,
    required: row.required === 1,
    readByMe: names.readByMe,
    attachmentCount: names.attachmentCount,
    author: { name: names.authorName, orgName: names.authorOrgName },
    updatedAt: row.updated_at,
    abilities: abilities(actor, subject, abilityMap),
  };
}

const previewable = (mime: string) => mime === "application/pdf" || mime.startsWith("image/");

export function presentDetail(
  actor: Actor | null,
  row: NoticeRow,
  subject: NoticeSubject,
  names: Omit<NoticeNames, "attachmentCount">,
  attachments: { id: string; name: string; mime: string; size: number }[],
): NoticeDetail {
  return {
    ...presentNotice(actor, row, subject, { ...names, attachmentCount: attachments.length }),
    bodyMd: row.body_md,
    bodyHtml: renderMarkdown(row.body_md),
    links: JSON.parse(row.links),
    attachments: attachments.map((a) => ({
      id: a.id,
      name: a.name,
      mime: a.mime,
      size: a.size,
      previewable: previewable(a.mime),
    })),
    remindedAt: row.reminded_at,
  };
}
