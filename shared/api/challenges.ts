import { z } from "zod";
import { pageQuery } from "./paging.js";

export const challengeStatuses = ["open", "taken_up", "resolved"] as const;
export type ChallengeStatus = (typeof challengeStatuses)[number];
export const challengeStatusLabels: Record<ChallengeStatus, { ja: string; en: string }> = {
  open: { ja: "受付中", en: "Open" },
  taken_up: { ja: "WGで検討中", en: "Taken up by a working group" },
  resolved: { ja: "解決済み", en: "Resolved" },
};
export const commentKinds = ["comment", "solution"] as const;
export const commentKindLabels: Record<(typeof commentKinds)[number], { ja: string; en: string }> = {
  comment: { ja: "コメント", en: "Comment" },
  solution: { ja: "解決事例", en: "How we solved it" },
};

const fields = {
  title: z.string().trim().min(1, "件名を入力してください").max(200, "件名は200文字以内にしてください"),
  description: z.string().trim().min(1, "課題の内容を入力してください").max(20_000, "内容は20,000文字以内にしてください"),
  theme: z
    .string()
    .trim()
    .max(100, "テーマは100文字以内にしてください")
    .transform((v) => v || null)
    .nullable(),
  bodyId: z.uuid().nullable(),
};
export const challengeInput = z.object({ ...fields, theme: fields.theme.default(null), bodyId: fields.bodyId.default(null) });
export const challengePatch = z.object(fields).partial();

export const challengeQuery = z.object({
  status: z.enum(challengeStatuses).optional(),
  theme: z.string().max(100).optional(),
  bodyId: z.uuid().optional(),
  sort: z.enum(["shares", "newest", "updated"]).default("updated"),
  ...pageQuery.shape,
});

export const shareInput = z.object({ note: z.string().trim().max(1000, "ひとことは1,000文字以内にしてください").default("") });
export const commentInput = z.object({
  kind: z.enum(commentKinds).default("comment"),
  bodyMd: z.string().trim().min(1, "内容を入力してください").max(20_000, "内容は20,000文字以内にしてください"),
});
export const statusInput = z
  .object({
    status: z.enum(challengeStatuses, { error: "状態を選んでください" }),
    resolution: z.string().trim().max(5000).optional(),
  })
  .refine((s) => s.status !== "resolved" || !!s.resolution, {
    path: ["resolution"],
    error: "解決済みにするには、どう解決したかの要約を入力してください",
  });
export const agendaLinkInput = z.object({
  meetingId: z.uuid({ error: "会議を選んでください" }),
  purpose: z.string().trim().max(2000).optional(),
});

const challengeAbilities = z.object({
  canEdit: z.boolean(),
  canShare: z.boolean(),
  canComment: z.boolean(),
  canSetStatus: z.boolean(),
  canLinkMeeting: z.boolean(),
});

const challenge = z.object({
  id: z.string(),
  title: z.string(),
  theme: z.string().nullable(),
  body: z.object({ id: z.string(), name: z.string() }).nullable(),
  status: z.enum(challengeStatuses),
  org: z.object({ id: z.string(), name: z.string() }),
  shareCount: z.number().int(),
  sharedByMyOrg: z.boolean(),
  commentCount: z.number().int(),
  solutionCount: z.number().int(),
  meetingId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: challengeAbilities,
});
export type Challenge = z.infer<typeof challenge>;

const challengeComment = z.object({
  id: z.string(),
  kind: z.enum(commentKinds),
  bodyHtml: z.string(),
  author: z.object({ name: z.string(), orgName: z.string() }),
  createdAt: z.string(),
  canDelete: z.boolean(),
});
export const challengeDetail = challenge.extend({
  description: z.string(),
  descriptionHtml: z.string(),
  resolution: z.string().nullable(),
  author: z.object({ name: z.string() }),
  shares: z.array(z.object({ org: z.object({ id: z.string(), name: z.string() }), note: z.string(), createdAt: z.string() })),
  comments: z.array(challengeComment),
  attachments: z.array(
    z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), previewable: z.boolean() }),
  ),
  agendaItemId: z.string().nullable(),
});
export type ChallengeDetail = z.infer<typeof challengeDetail>;
export const challengeList = z.object({
  items: z.array(challenge),
  total: z.number().int(),
  abilities: z.object({ canCreate: z.boolean() }),
});
export const themeList = z.object({ items: z.array(z.object({ theme: z.string(), count: z.number().int() })) });
