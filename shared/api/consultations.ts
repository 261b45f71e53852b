import { z } from "zod";
import { contact } from "./bodies.js";
import { pageQuery } from "./paging.js";

type Labels<T extends string> = Record<T, { ja: string; en: string }>;

export const consultationCategories = ["standardisation", "online", "rpa_ocr", "divide", "security", "other"] as const;
export type ConsultationCategory = (typeof consultationCategories)[number];
export const consultationCategoryLabels: Labels<ConsultationCategory> = {
  standardisation: { ja: "システム標準化", en: "Standardisation" },
  online: { ja: "行政手続のオンライン化", en: "Online procedures" },
  rpa_ocr: { ja: "RPA・AI-OCR", en: "RPA / AI-OCR" },
  divide: { ja: "デジタルデバイド対策", en: "Digital divide" },
  security: { ja: "情報セキュリティ", en: "Security" },
  other: { ja: "その他", en: "Other" },
};

export const urgencies = ["low", "normal", "high"] as const;
export type Urgency = (typeof urgencies)[number];
export const urgencyLabels: Labels<Urgency> = {
  low: { ja: "低", en: "Low" },
  normal: { ja: "通常", en: "Normal" },
  high: { ja: "至急", en: "Urgent" },
};

export const contactMethods = ["portal", "email", "phone", "online_meeting"] as const;
export const contactLabels: Labels<(typeof contactMethods)[number]> = {
  portal: { ja: "この画面で回答", en: "Reply here" },
  email: { ja: "メール", en: "E-mail" },
  phone: { ja: "電話", en: "Phone" },
  online_meeting: { ja: "オンライン会議", en: "Online meeting" },
};

/** How a consultation reached the desk: portal when the town filed it itself, otherwise staff filed it for the town. */
export const consultationChannels = ["portal", "phone", "mail", "visit", "meeting"] as const;
export type ConsultationChannel = (typeof consultationChannels)[number];
export const consultationChannelLabels: Labels<ConsultationChannel> = {
  portal: { ja: "ポータル（市町が入力）", en: "Portal (filed by the town)" },
  phone: { ja: "電話", en: "Phone" },
  mail: { ja: "メール", en: "E-mail" },
  visit: { ja: "来庁・訪問", en: "Visit" },
  meeting: { ja: "会議", en: "Meeting" },
};

export const consultationStatuses = ["new", "in_progress", "waiting", "resolved", "closed"] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];
export const consultationStatusLabels: Labels<ConsultationStatus> = {
  new: { ja: "新規", en: "New" },
  in_progress: { ja: "対応中", en: "In progress" },
  waiting: { ja: "市町の回答待ち", en: "Waiting for the municipality" },
  resolved: { ja: "解決", en: "Resolved" },
  closed: { ja: "完了", en: "Closed" },
};

/** Service-level targets in business days, by urgency. */
export const slaTargets: Record<Urgency, { firstResponse: number; resolution: number }> = {
  high: { firstResponse: 1, resolution: 5 },
  normal: { firstResponse: 2, resolution: 10 },
  low: { firstResponse: 3, resolution: 15 },
};
export const slaStates = ["met", "missed", "on_track", "due_soon", "overdue", "paused"] as const;
export const slaStateLabels: Labels<(typeof slaStates)[number]> = {
  met: { ja: "達成", en: "Met" },
  missed: { ja: "超過して達成", en: "Missed" },
  on_track: { ja: "期限内", en: "On track" },
  due_soon: { ja: "期限間近", en: "Due soon" },
  overdue: { ja: "期限超過", en: "Overdue" },
  paused: { ja: "停止中（回答待ち）", en: "Paused" },
};

const subject = z.string().trim().min(1, "件名を入力してください").max(200, "件名は200文字以内にしてください");
const body = z.string().trim().min(1, "相談内容を入力してください").max(20_000, "相談内容は20,000文字以内にしてください");

export const consultationInput = z.object({
  category: z.enum(consultationCategories, { error: "分類を選んでください" }),
  subject,
  body,
  urgency: z.enum(urgencies, { error: "緊急度を選んでください" }).default("normal"),
  preferredContact: z.enum(contactMethods, { error: "希望する連絡方法を選んでください" }).default("portal"),
  contactNote: z.string().trim().max(500).default(""),
  /** Prefecture staff only: the municipality on whose behalf the desk files it. */
  orgId: z.uuid({ error: "相談した団体を選んでください" }).optional(),
  channel: z.enum(consultationChannels, { error: "受付方法を選んでください" }).default("portal"),
  askerName: z.string().trim().max(100, "相談者の氏名は100文字以内にしてください").default(""),
  /** Optionally, the town's user who asked. */
  askerUserId: z.uuid({ error: "相談者を選び直してください" }).optional(),
});
export const consultationPatch = z.object({
  category: z.enum(consultationCategories).optional(),
  urgency: z.enum(urgencies).optional(),
  subject: subject.optional(),
  body: body.optional(),
});

const messageKinds = ["reply", "note"] as const;
export const messageInput = z.object({
  kind: z.enum(messageKinds).default("reply"),
  body: z.string().trim().min(1, "本文を入力してください").max(20_000, "本文は20,000文字以内にしてください"),
  /** Staff may set the status with the reply (ask back → waiting; answer → resolved). */
  status: z.enum(["in_progress", "waiting", "resolved"]).optional(),
});
export const assignInput = z.object({ assigneeId: z.uuid({ error: "担当者を選んでください" }).nullable() });
export const statusInput = z.object({ status: z.enum(consultationStatuses, { error: "状態を選んでください" }) });
export const mergeInput = z.object({ targetId: z.uuid({ error: "統合先の相談を選んでください" }) });

export const dueFilters = ["overdue", "due_soon", "paused", "on_track"] as const;
export const queueQuery = pageQuery.extend({
  status: z.string().optional(), // one status or a comma list; "open" = new,in_progress,waiting
  category: z.enum(consultationCategories).optional(),
  orgId: z.uuid().optional(),
  assigneeId: z.union([z.literal("me"), z.literal("none"), z.uuid()]).optional(),
  due: z.enum(dueFilters).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(["due", "newest", "activity"]).default("due"),
});
export const exportQuery = queueQuery
  .omit({ limit: true, offset: true })
  .extend({ format: z.enum(["csv", "xlsx"]).default("csv") });

const person = z.object({ id: z.string(), name: z.string() }).nullable();
const slaView = z.object({
  target: z.number(),
  due: z.string(),
  state: z.enum(slaStates),
  usedDays: z.number(),
  remainingDays: z.number(),
});
export type SlaView = z.infer<typeof slaView>;

const consultationSummary = z.object({
  id: z.string(),
  org: z.object({ id: z.string(), name: z.string(), isSmall: z.boolean() }),
  category: z.enum(consultationCategories),
  subject: z.string(),
  urgency: z.enum(urgencies),
  status: z.enum(consultationStatuses),
  assignee: person,
  createdBy: person,
  channel: z.enum(consultationChannels),
  asker: z.object({ name: z.string(), userId: z.string().nullable() }).nullable(),
  mergedIntoId: z.string().nullable(),
  firstResponse: slaView,
  resolution: slaView,
  createdAt: z.string(),
  lastActivityAt: z.string(),
});
export type ConsultationSummary = z.infer<typeof consultationSummary>;

const attachmentView = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  mime: z.string(),
  messageId: z.string().nullable(),
});
const messageView = z.object({
  id: z.string(),
  kind: z.enum(["reply", "note", "event"]),
  body: z.string(),
  author: z.object({ id: z.string(), name: z.string(), orgName: z.string(), staff: z.boolean() }).nullable(),
  attachments: z.array(attachmentView),
  createdAt: z.string(),
});
export const consultationDetail = consultationSummary.extend({
  body: z.string(),
  preferredContact: z.enum(contactMethods),
  contactNote: z.string(),
  /** How to reach who asked and who answers (issue 15): 所属・役職, their organisation's phone and e-mail. */
  contacts: z.object({ asker: contact.nullable(), assignee: contact.nullable() }),
  attachments: z.array(attachmentView),
  messages: z.array(messageView),
  merged: z.array(z.object({ id: z.string(), subject: z.string() })),
  /** Support engagements started from this consultation. */
  engagements: z.array(z.object({ id: z.string(), theme: z.string(), status: z.string() })),
  abilities: z.object({
    canStartSupport: z.boolean(),
    /** Prefecture specialists and the secretariat record time spent on it. */
    canLogTime: z.boolean(),
    canReply: z.boolean(),
    canNote: z.boolean(),
    canAssign: z.boolean(),
    canChangeStatus: z.boolean(),
    canClose: z.boolean(),
    canMerge: z.boolean(),
    canEdit: z.boolean(),
    canMakeFaq: z.boolean(),
  }),
});
export type ConsultationDetail = z.infer<typeof consultationDetail>;

export const queueResponse = z.object({
  items: z.array(consultationSummary),
  total: z.number(),
  abilities: z.object({ canFile: z.boolean(), canWorkDesk: z.boolean(), canExport: z.boolean(), canReport: z.boolean() }),
});

export const templateInput = z.object({
  title: z.string().trim().min(1, "題名を入力してください").max(200),
  body: z.string().trim().min(1, "本文を入力してください").max(20_000),
  category: z.enum(consultationCategories).nullable().default(null),
});
export const templateView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  category: z.enum(consultationCategories).nullable(),
  updatedAt: z.string(),
});

export const staffMember = z.object({ id: z.string(), name: z.string(), role: z.string(), openCount: z.number() });

export const reportQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}$/, "開始月は YYYY-MM の形式で入力してください"),
  to: z.string().regex(/^\d{4}-\d{2}$/, "終了月は YYYY-MM の形式で入力してください"),
});
export const reportExportQuery = reportQuery.extend({ format: z.enum(["csv", "xlsx"]).default("csv") });
const timeStats = z.object({ count: z.number(), met: z.number(), avgDays: z.number().nullable() });
export const consultationReport = z.object({
  from: z.string(),
  to: z.string(),
  months: z.array(z.string()),
  byMonthCategory: z.array(z.object({ month: z.string(), counts: z.record(z.string(), z.number()), total: z.number() })),
  byOrg: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      isSmall: z.boolean(),
      total: z.number(),
      open: z.number(),
      firstResponse: timeStats,
      resolution: timeStats,
    }),
  ),
  byMonthSla: z.array(z.object({ month: z.string(), firstResponse: timeStats, resolution: timeStats })),
  byMonthChannel: z.array(z.object({ month: z.string(), counts: z.record(z.string(), z.number()) })),
  totals: z.object({
    count: z.number(),
    firstResponse: timeStats,
    resolution: timeStats,
    smallOrgShare: z.number(),
    byChannel: z.record(z.string(), z.number()),
  }),
});
export type ConsultationReport = z.infer<typeof consultationReport>;
