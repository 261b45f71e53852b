import { z } from "zod";
import { isoDateTime } from "./common.js";
import { pageQuery } from "./paging.js";

export const noticeCategories = ["national", "council", "working_group", "system"] as const;
export type NoticeCategory = (typeof noticeCategories)[number];
export const noticeCategoryLabels: Record<NoticeCategory, { ja: string; en: string }> = {
  national: { ja: "国の動向", en: "National trends" },
  council: { ja: "協議会", en: "Council" },
  working_group: { ja: "ワーキンググループ", en: "Working group" },
  system: { ja: "システム", en: "System" },
};
export const noticeStatuses = ["draft", "scheduled", "published", "archived"] as const;
export const noticeStatusLabels: Record<(typeof noticeStatuses)[number], { ja: string; en: string }> = {
  draft: { ja: "下書き", en: "Draft" },
  scheduled: { ja: "公開予約", en: "Scheduled" },
  published: { ja: "公開中", en: "Published" },
  archived: { ja: "アーカイブ", en: "Archived" },
};

const noticeLink = z.object({
  title: z.string().trim().min(1, "リンクの名前を入力してください").max(200),
  url: z
    .string()
    .trim()
    .url("URLの形式が正しくありません")
    .refine((u) => /^https?:\/\//i.test(u), "http:// か https:// で始まるURLを入力してください"),
});

const noticeFields = {
  category: z.enum(noticeCategories, { error: "区分を選んでください" }),
  bodyId: z.uuid().nullable(),
  title: z.string().trim().min(1, "件名を入力してください").max(200, "件名は200文字以内にしてください"),
  bodyMd: z.string().trim().min(1, "本文を入力してください").max(50_000, "本文は50,000文字以内にしてください"),
  links: z.array(noticeLink).max(20, "リンクは20件までです"),
  required: z.boolean(),
};
export const noticeInput = z.object({
  ...noticeFields,
  bodyId: noticeFields.bodyId.default(null),
  links: noticeFields.links.default([]),
  required: noticeFields.required.default(false),
});
export const noticePatch = z.object(noticeFields).partial();
export const publishInput = z.object({
  /** Publish later at this time (must be in the future); omitted = now. */
  at: isoDateTime.optional(),
});
export const flagInput = z.object({ value: z.boolean() });

export const noticeQuery = z.object({
  category: z.enum(noticeCategories).optional(),
  status: z.enum([...noticeStatuses, "active"]).default("active"),
  bodyId: z.uuid().optional(),
  unread: z.enum(["true", "false"]).optional(),
  ...pageQuery.shape,
});

const noticeAbilities = z.object({
  canEdit: z.boolean(),
  canPublish: z.boolean(),
  canViewReads: z.boolean(),
  canRemind: z.boolean(),
  canDelete: z.boolean(),
});

const attachment = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  /** Whether the browser can show it inline (PDF, image). */
  previewable: z.boolean(),
});

const notice = z.object({
  id: z.string(),
  category: z.enum(noticeCategories),
  body: z.object({ id: z.string(), name: z.string() }).nullable(),
  title: z.string(),
  status: z.enum(noticeStatuses),
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  pinned: z.boolean(),
  required: z.boolean(),
  readByMe: z.boolean(),
  attachmentCount: z.number().int(),
  author: z.object({ name: z.string(), orgName: z.string() }),
  updatedAt: z.string(),
  abilities: noticeAbilities,
});
export type Notice = z.infer<typeof notice>;

export const noticeDetail = notice.extend({
  bodyMd: z.string(),
  /** Markdown rendered and sanitised on the server. */
  bodyHtml: z.string(),
  links: z.array(noticeLink),
  attachments: z.array(attachment),
  remindedAt: z.string().nullable(),
});
export type NoticeDetail = z.infer<typeof noticeDetail>;

export const noticeList = z.object({
  items: z.array(notice),
  total: z.number().int(),
  abilities: z.object({ canCreate: z.boolean() }),
});

export const readStatus = z.object({
  /** Organisations expected to read it: the municipalities, or the body's member organisations. */
  orgs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      read: z.boolean(),
      firstReadAt: z.string().nullable(),
      users: z.array(z.object({ id: z.string(), name: z.string(), readAt: z.string().nullable() })),
    }),
  ),
  readOrgCount: z.number().int(),
  orgCount: z.number().int(),
  remindedAt: z.string().nullable(),
});
export type ReadStatus = z.infer<typeof readStatus>;

export const remindResult = z.object({ notifiedUsers: z.number().int(), orgs: z.number().int() });
