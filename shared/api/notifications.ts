import { z } from "zod";
import { pageQuery } from "./paging.js";

export const notificationCategories = [
  "meeting",
  "notice",
  "survey",
  "progress",
  "consultation",
  "challenge",
  "account",
  "system",
] as const;
export type NotificationCategory = (typeof notificationCategories)[number];
export const categoryLabels: Record<NotificationCategory, { ja: string; en: string }> = {
  meeting: { ja: "会議", en: "Meetings" },
  notice: { ja: "お知らせ", en: "Notices" },
  survey: { ja: "照会", en: "Surveys" },
  progress: { ja: "取組状況", en: "Progress" },
  consultation: { ja: "相談", en: "Consultations" },
  challenge: { ja: "課題共有", en: "Challenges" },
  account: { ja: "アカウント", en: "Account" },
  system: { ja: "システム", en: "System" },
};
export const deliveryModes = ["immediate", "digest", "off"] as const;

export const notification = z.object({
  id: z.string(),
  category: z.enum(notificationCategories),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationQuery = z.object({
  unread: z.enum(["true", "false"]).optional(),
  ...pageQuery.shape,
});
export const prefs = z.partialRecord(z.enum(notificationCategories), z.enum(deliveryModes));
export const prefsResponse = z.object({ prefs });
/** PUT /me/notification-prefs: the delivery of each category. */
export const prefsInput = z.object({ prefs });
export const outboxItem = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(["pending", "sent", "failed", "held"]),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
