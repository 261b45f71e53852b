import { z } from "zod";
import { looseNumber } from "../numbers.js";
import { contact } from "./bodies.js";
import { isoDate, isoDateTime } from "./common.js";
import { pageQuery } from "./paging.js";

export const meetingKinds = ["in_person", "online", "hybrid"] as const;
export const meetingKindLabels: Record<(typeof meetingKinds)[number], { ja: string; en: string }> = {
  in_person: { ja: "対面", en: "In person" },
  online: { ja: "オンライン", en: "Online" },
  hybrid: { ja: "ハイブリッド", en: "Hybrid" },
};
export const meetingStatuses = ["draft", "announced", "held", "minutes_published", "cancelled"] as const;
export const meetingStatusLabels: Record<(typeof meetingStatuses)[number], { ja: string; en: string }> = {
  draft: { ja: "準備中", en: "Draft" },
  announced: { ja: "開催通知済み", en: "Announced" },
  held: { ja: "開催済み", en: "Held" },
  minutes_published: { ja: "議事録公開済み", en: "Minutes published" },
  cancelled: { ja: "中止", en: "Cancelled" },
};
export const agendaStatuses = ["proposed", "accepted", "rejected", "deferred", "withdrawn"] as const;
export const agendaStatusLabels: Record<(typeof agendaStatuses)[number], { ja: string; en: string }> = {
  proposed: { ja: "提案中", en: "Proposed" },
  accepted: { ja: "採択", en: "Accepted" },
  rejected: { ja: "不採択", en: "Rejected" },
  deferred: { ja: "次回以降に延期", en: "Deferred" },
  withdrawn: { ja: "取り下げ", en: "Withdrawn" },
};
export const attendanceModes = ["in_person", "online", "absent"] as const;
export const attendanceModeLabels: Record<(typeof attendanceModes)[number], { ja: string; en: string }> = {
  in_person: { ja: "会場で出席", en: "In person" },
  online: { ja: "オンラインで出席", en: "Online" },
  absent: { ja: "欠席", en: "Absent" },
};
export const minutesStatuses = ["draft", "approved", "published"] as const;
export const minutesStatusLabels: Record<(typeof minutesStatuses)[number], { ja: string; en: string }> = {
  draft: { ja: "作成中", en: "Draft" },
  approved: { ja: "座長承認済み", en: "Approved by the chair" },
  published: { ja: "公開", en: "Published" },
};
export const actionStatuses = ["open", "in_progress", "done"] as const;
export const actionStatusLabels: Record<(typeof actionStatuses)[number], { ja: string; en: string }> = {
  open: { ja: "未着手", en: "Open" },
  in_progress: { ja: "対応中", en: "In progress" },
  done: { ja: "完了", en: "Done" },
};

const text = (max: number) => z.string().trim().max(max, `${max}文字以内で入力してください`);
const url = z.url({ error: "URLの形式が正しくありません（https://… で入力してください）" }).max(500);

const meetingFields = {
  subtitle: text(100).nullable().optional(),
  kind: z.enum(meetingKinds, { error: "開催形式を選んでください" }),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  place: text(200).default(""),
  onlineUrl: url.nullable().optional(),
  description: text(5000).default(""),
  proposalDeadline: isoDateTime.nullable().optional(),
  attendanceDeadline: isoDateTime.nullable().optional(),
};
const endAfterStart = (m: { startsAt?: string; endsAt?: string }) =>
  !m.startsAt || !m.endsAt || Date.parse(m.endsAt) > Date.parse(m.startsAt);

export const meetingInput = z
  .object({ bodyId: z.uuid({ error: "会議体を選んでください" }), ...meetingFields })
  .refine(endAfterStart, { path: ["endsAt"], error: "終了日時は開始日時より後にしてください" });
export const meetingPatch = z
  .object(meetingFields)
  .partial()
  .refine(endAfterStart, { path: ["endsAt"], error: "終了日時は開始日時より後にしてください" });
export const cancelInput = z.object({ reason: text(1000).min(1, "中止の理由を入力してください") });
export const meetingQuery = z.object({
  bodyId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(meetingStatuses).optional(),
  ...pageQuery.shape,
});

const orgRef = z.object({ id: z.string(), name: z.string() });

export const meeting = z.object({
  id: z.string(),
  bodyId: z.string(),
  bodyName: z.string(),
  fiscalYear: z.number(),
  seq: z.number(),
  subtitle: z.string().nullable(),
  /** 「令和7年度 第2回 山口県デジタル・ガバメント構築連携会議」 */
  name: z.string(),
  kind: z.enum(meetingKinds),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Why the meeting's day is not a business day (祝日, 年末年始の閉庁日, 土曜日 …), or null. */
  dateWarning: z.string().nullable(),
  place: z.string(),
  onlineUrl: z.string().nullable(),
  description: z.string(),
  status: z.enum(meetingStatuses),
  proposalDeadline: z.string().nullable(),
  attendanceDeadline: z.string().nullable(),
  proposalOpen: z.boolean(),
  attendanceOpen: z.boolean(),
  cancelReason: z.string().nullable(),
  previousId: z.string().nullable(),
  updatedAt: z.string(),
  abilities: z.object({
    canEdit: z.boolean(),
    canAnnounce: z.boolean(),
    canMarkHeld: z.boolean(),
    canCancel: z.boolean(),
    canPropose: z.boolean(),
    canDecide: z.boolean(),
    canUpload: z.boolean(),
    canAnswerAttendance: z.boolean(),
    canTakeRoll: z.boolean(),
    canEditMinutes: z.boolean(),
    canApproveMinutes: z.boolean(),
    canPublishMinutes: z.boolean(),
    canCorrectMinutes: z.boolean(),
    canCreateActions: z.boolean(),
    canPrepareNext: z.boolean(),
  }),
});
export type Meeting = z.infer<typeof meeting>;

export const agendaItem = z.object({
  id: z.string(),
  meetingId: z.string().nullable(),
  status: z.enum(agendaStatuses),
  /** Position among the accepted items (議題1, 議題2 …); null for the others. */
  number: z.number().nullable(),
  title: z.string(),
  purpose: z.string(),
  presenter: z.string(),
  minutesRequested: z.number(),
  durationMinutes: z.number(),
  position: z.number(),
  proposerOrg: orgRef.nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  sourceRef: z.string().nullable(),
  abilities: z.object({ canEdit: z.boolean(), canDecide: z.boolean(), canWithdraw: z.boolean(), canUpload: z.boolean() }),
});
export type AgendaItem = z.infer<typeof agendaItem>;

const materialVersion = z.object({
  version: z.number(),
  fileName: z.string(),
  size: z.number(),
  mime: z.string(),
  createdAt: z.string(),
});
const material = z.object({
  id: z.string(),
  agendaItemId: z.string().nullable(),
  /** 資料1, 資料2-1, 参考資料1 … numbered in agenda order. */
  label: z.string(),
  title: z.string(),
  version: z.number(),
  fileName: z.string(),
  size: z.number(),
  mime: z.string(),
  versions: z.array(materialVersion),
  abilities: z.object({ canReplace: z.boolean(), canDelete: z.boolean() }),
});
export type Material = z.infer<typeof material>;

export const materialPatch = z.object({
  title: text(200).min(1, "資料名を入力してください").optional(),
  /** Move to another agenda item of the meeting; null makes it a meeting-wide (参考) material. */
  agendaItemId: z.uuid().nullable().optional(),
});
/** The fields of a materials upload (multipart): the agenda item ("" for the whole meeting) and a title for a single file. */
export const materialUpload = z.object({
  agendaItemId: z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.uuid("この会議の議題を選んでください").nullable()),
  title: text(200).default(""),
});
/** An upload of materials carries at least one file (checked by the server on the multipart body, and by the form before sending). */
export const materialFileMessage = "ファイルを選んでください";
export const materialOrder = z.object({ materialIds: z.array(z.uuid()).min(1).max(500) });

export const meetingDetail = meeting.extend({
  agenda: z.array(agendaItem),
  /** Sum of the accepted items' durations, and whether it exceeds the meeting's length. */
  agendaMinutes: z.number(),
  meetingMinutes: z.number(),
  agendaOverrun: z.boolean(),
  materials: z.array(material),
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

export const proposalInput = z.object({
  title: text(200).min(1, "議題名を入力してください"),
  purpose: text(5000).default(""),
  presenter: text(200).default(""),
  minutesRequested: looseNumber(
    z
      .number({ error: "希望時間（分）を数値で入力してください" })
      .int()
      .min(1, "1分以上にしてください")
      .max(600, "600分以内にしてください"),
  ),
});
export const agendaPatch = z.object({
  title: text(200).min(1, "議題名を入力してください").optional(),
  purpose: text(5000).optional(),
  presenter: text(200).optional(),
  durationMinutes: looseNumber(
    z
      .number({ error: "時間（分）を数値で入力してください" })
      .int()
      .min(1, "1分以上にしてください")
      .max(600, "600分以内にしてください"),
  ).optional(),
});
export const decisionInput = z
  .object({
    decision: z.enum(["accept", "reject", "defer"], { error: "採択・不採択・延期のいずれかを選んでください" }),
    reason: text(2000).optional(),
  })
  .refine((d) => d.decision !== "reject" || !!d.reason, { path: ["reason"], error: "不採択の理由を入力してください" });
export const orderInput = z.object({ itemIds: z.array(z.uuid()).min(1).max(200) });

export const attendanceInput = z.object({
  mode: z.enum(attendanceModes, { error: "出欠を選んでください" }),
  attendees: z.array(text(100).min(1, "出席者名を入力してください")).max(20, "出席者は20名までです").default([]),
  note: text(1000).default(""),
});
export const rollInput = z.object({ present: z.boolean().nullable() });
const attendanceRow = z.object({
  org: orgRef,
  position: z.string(),
  mode: z.enum(attendanceModes).nullable(),
  attendees: z.array(z.string()),
  note: z.string(),
  answeredAt: z.string().nullable(),
  /** Entered by the secretariat for the organisation. */
  onBehalf: z.boolean(),
  /** Whom to reach about the answer (issue 15): the person who answered, else the organisation's contact. */
  answeredBy: z.string().nullable(),
  contact: contact.nullable(),
  present: z.boolean().nullable(),
  abilities: z.object({ canAnswer: z.boolean(), canTakeRoll: z.boolean() }),
});
export const attendanceList = z.object({
  items: z.array(attendanceRow),
  open: z.boolean(),
  deadline: z.string().nullable(),
  counts: z.object({ inPerson: z.number(), online: z.number(), absent: z.number(), unanswered: z.number() }),
});

export const minutesInput = z.object({
  bodyMd: z.string().max(200_000, "議事録が長すぎます（20万文字以内）"),
  outcomes: z.record(z.uuid(), text(5000)).default({}),
});
export const correctionInput = z.object({ reason: text(1000).min(1, "訂正の理由を入力してください") });
export const minutesRevision = z.object({
  revision: z.number(),
  status: z.enum(minutesStatuses),
  bodyMd: z.string(),
  /** Rendered from Markdown and sanitised on output. */
  html: z.string(),
  outcomes: z.record(z.string(), z.string()),
  correctionReason: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export const minutesView = z.object({
  current: minutesRevision.nullable(),
  history: z.array(minutesRevision.omit({ bodyMd: true, html: true, outcomes: true })),
  abilities: z.object({ canEdit: z.boolean(), canApprove: z.boolean(), canPublish: z.boolean(), canCorrect: z.boolean() }),
});

export const actionInput = z.object({
  agendaItemId: z.uuid().nullable().optional(),
  title: text(200).min(1, "対応事項を入力してください"),
  description: text(5000).default(""),
  ownerOrgId: z.uuid({ error: "担当団体を選んでください" }),
  dueDate: isoDate,
});
export const actionPatch = z.object({
  title: text(200).min(1, "対応事項を入力してください").optional(),
  description: text(5000).optional(),
  dueDate: isoDate.optional(),
  status: z.enum(actionStatuses).optional(),
});
export const actionQuery = z.object({
  mine: z.enum(["true", "false"]).optional(),
  meetingId: z.uuid().optional(),
  status: z.enum([...actionStatuses, "pending"]).optional(),
  ...pageQuery.shape,
});
export const actionItem = z.object({
  id: z.string(),
  meeting: z.object({ id: z.string(), name: z.string() }),
  agendaItemId: z.string().nullable(),
  agendaTitle: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  ownerOrg: orgRef,
  dueDate: z.string(),
  status: z.enum(actionStatuses),
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  abilities: z.object({ canEdit: z.boolean(), canUpdateStatus: z.boolean() }),
});
export type ActionItem = z.infer<typeof actionItem>;

export const feedStatus = z.object({ active: z.boolean() });
export const feedCreated = z.object({ url: z.string(), token: z.string() });
export const nextInput = z
  .object({ startsAt: isoDateTime.optional(), endsAt: isoDateTime.optional() })
  .refine(endAfterStart, { path: ["endsAt"], error: "終了日時は開始日時より後にしてください" });

/** Refers an agenda or backlog item to another body's backlog (WG → council, council → WG). */
export const referInput = z.object({
  bodyId: z.uuid({ error: "回付先の会議体を選んでください" }),
  note: text(1000).default(""),
});
const agendaReferral = z.object({
  id: z.string(),
  fromBody: orgRef,
  fromMeetingId: z.string().nullable(),
  toBody: orgRef,
  note: z.string(),
  referredBy: z.string().nullable(),
  referredAt: z.string(),
});
export const agendaReferrals = z.object({
  item: agendaItem,
  referrals: z.array(agendaReferral),
  /** The bodies the actor may refer this item to (it runs them); empty when the item cannot move now. */
  targets: z.array(orgRef),
});
/** A body's referral history: items referred to it and from it, whose present body the actor may see. */
const bodyReferral = agendaReferral.extend({
  item: z.object({ id: z.string(), title: z.string(), status: z.enum(agendaStatuses), bodyId: z.string() }),
  direction: z.enum(["received", "sent"]),
});
export const bodyReferrals = z.object({ items: z.array(bodyReferral) });
export type BodyReferrals = z.infer<typeof bodyReferrals>;
export type AgendaReferrals = z.infer<typeof agendaReferrals>;

/** The register of decisions (決定事項): the outcomes recorded in published minutes, across all meetings. */
export const decisionQuery = z.object({
  q: text(200).optional(),
  bodyId: z.uuid().optional(),
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  ...pageQuery.shape,
});
export const decisionEntry = z.object({
  meetingId: z.string(),
  meetingName: z.string(),
  body: orgRef,
  fiscalYear: z.number(),
  heldAt: z.string(),
  agendaItemId: z.string(),
  agendaTitle: z.string(),
  decision: z.string(),
});
export type DecisionEntry = z.infer<typeof decisionEntry>;

/**
 * 部会・WGの報告: for a meeting of a parent body, each child body's meetings held since the parent's previous
 * meeting (or since the start of the fiscal year when there was none) with the outcomes of their published minutes.
 */
const childReportMeeting = z.object({
  id: z.string(),
  name: z.string(),
  heldAt: z.string(),
  /** False while the minutes are not published: the outcomes are not known yet. */
  minutesPublished: z.boolean(),
  outcomes: z.array(z.object({ agendaItemId: z.string(), agendaTitle: z.string(), decision: z.string() })),
});
export const childReports = z.object({
  /** The parent body's previous meeting started then; null when this is its first meeting of the fiscal year. */
  since: z.string().nullable(),
  bodies: z.array(
    z.object({
      body: orgRef,
      /** A members-only body: listed for its members, but never reported on the parent's agenda automatically. */
      membersOnly: z.boolean(),
      meetings: z.array(childReportMeeting),
      /** The standing item 「{body}報告」 already on this meeting's agenda. */
      agendaItemId: z.string().nullable(),
    }),
  ),
});
export type ChildReports = z.infer<typeof childReports>;
/** What adding the standing items did: how many were added (0 when every report item was already there). */
export const childReportsAdded = z.object({ added: z.number(), reports: childReports });
