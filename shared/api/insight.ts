import { z } from "zod";
import { isoDate } from "./common.js";

/**
 * Insight for the secretariat (issue 18): agenda suggestions for a meeting being prepared, from the
 * council's own data, each with its evidence; the rules and thresholds behind them are stored and
 * adjustable by the secretariat.
 */

export const suggestionKinds = ["progress", "challenge", "desk", "actions", "survey", "notice"] as const;
export type SuggestionKind = (typeof suggestionKinds)[number];
export const suggestionKindLabels: Record<SuggestionKind, { ja: string; en: string }> = {
  progress: { ja: "計画より遅れている取組（期限が近いもの）", en: "Programmes behind plan near their deadline" },
  challenge: { ja: "複数団体が共有する課題", en: "Challenges shared by several towns" },
  desk: { ja: "相談窓口で増えている・繰り返される分類", en: "Desk categories rising or recurring" },
  actions: { ja: "期限を過ぎた宿題事項", en: "Overdue action items" },
  survey: { ja: "回答率の低い照会", en: "Surveys with low response" },
  notice: { ja: "未確認の団体が多い必読のお知らせ", en: "Required notices still unread" },
};

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}は数値で入力してください` })
    .int(`${label}は整数で入力してください`)
    .min(min, `${label}は${min}〜${max}の範囲で入力してください`)
    .max(max, `${label}は${min}〜${max}の範囲で入力してください`);
const enabled = z.boolean({ error: "使う・使わないを選んでください" });

/** The rules and their thresholds. Each rule's measure divided by its threshold is the suggestion's base score. */
export const insightRules = z.object({
  progress: z.object({
    enabled,
    /** The item's deadline (or the programme's) falls within this many months from today. */
    monthsAhead: int("期限までの月数", 1, 36),
    /** At least this many municipalities are behind plan on the item (a due date passed, not complete). */
    minTownsBehind: int("遅れている団体数", 1, 100),
  }),
  challenge: z.object({
    enabled,
    /** Shared by at least this many organisations (the one that posted it and those that said "we have this too"). */
    minTowns: int("共有する団体数", 2, 100),
    /** Open for at least this many days. */
    minOpenDays: int("未解決の日数", 0, 730),
  }),
  desk: z.object({
    enabled,
    /** The window looked at (e.g. 90 days ≈ this quarter), compared with the window before it. */
    windowDays: int("集計期間の日数", 7, 366),
    minCases: int("相談件数", 1, 1000),
    minTowns: int("相談した団体数", 1, 100),
  }),
  actions: z.object({
    enabled,
    /** Open action items whose due date passed at least this many days ago. */
    minOverdueDays: int("期限超過の日数", 0, 365),
    minItems: int("宿題事項の件数", 1, 100),
  }),
  survey: z.object({
    enabled,
    /** Surveys whose deadline passed within this many days … */
    withinDays: int("回答期限からの日数", 1, 366),
    /** … with fewer than this percentage of target organisations having submitted. */
    maxResponsePct: int("回答率", 1, 100),
  }),
  notice: z.object({
    enabled,
    /** Required notices published at least this many days ago … */
    minDaysPublished: int("掲載からの日数", 0, 365),
    /** … still unread by at least this many municipalities. */
    minUnreadTowns: int("未確認の団体数", 1, 100),
  }),
});
export type InsightRules = z.infer<typeof insightRules>;

export const defaultInsightRules: InsightRules = {
  progress: { enabled: true, monthsAhead: 6, minTownsBehind: 3 },
  challenge: { enabled: true, minTowns: 3, minOpenDays: 30 },
  desk: { enabled: true, windowDays: 90, minCases: 5, minTowns: 2 },
  actions: { enabled: true, minOverdueDays: 7, minItems: 1 },
  survey: { enabled: true, withinDays: 60, maxResponsePct: 60 },
  notice: { enabled: true, minDaysPublished: 14, minUnreadTowns: 3 },
};

export const rulesResponse = z.object({
  rules: insightRules,
  updatedAt: z.string().nullable(),
  canEdit: z.boolean(),
});

const evidenceCount = z.object({ label: z.string(), value: z.number() });
const evidenceLink = z.object({ label: z.string(), href: z.string() });

const suggestion = z.object({
  /** Stable per topic: a dismissed or accepted suggestion is recognised by it. */
  key: z.string(),
  kind: z.enum(suggestionKinds),
  title: z.string(),
  /** The proposal's purpose as it would be filed (editable before accepting). */
  purpose: z.string(),
  score: z.number(),
  /** How the score was reached, in words. */
  scoreNote: z.string(),
  counts: z.array(evidenceCount),
  towns: z.array(z.string()),
  links: z.array(evidenceLink),
  fingerprint: z.string(),
  /** Dismissed before, back because its evidence changed. */
  changedSinceDismissed: z.boolean(),
});
export type Suggestion = z.infer<typeof suggestion>;

const decisionView = z.object({
  key: z.string(),
  decision: z.enum(["accepted", "dismissed"]),
  title: z.string(),
  reason: z.string().nullable(),
  agendaItemId: z.string().nullable(),
  decidedAt: z.string(),
});

export const suggestionList = z.object({
  meeting: z.object({ id: z.string(), name: z.string(), bodyId: z.string(), bodyName: z.string(), status: z.string() }),
  today: z.string(),
  rules: insightRules,
  items: z.array(suggestion),
  decisions: z.array(decisionView),
});
export type SuggestionList = z.infer<typeof suggestionList>;

const keyField = z.string({ error: "提案候補を指定してください" }).min(1, "提案候補を指定してください").max(200);

export const acceptInput = z.object({
  key: keyField,
  title: z.string().trim().min(1, "議題名を入力してください").max(200, "200文字以内で入力してください").optional(),
  purpose: z.string().trim().max(4000, "4000文字以内で入力してください").optional(),
  minutesRequested: int("希望時間（分）", 5, 240).default(15),
});
export const dismissInput = z.object({
  key: keyField,
  reason: z.string().trim().min(1, "見送る理由を入力してください").max(500, "500文字以内で入力してください"),
});

export const acceptResult = z.object({ agendaItemId: z.string(), meetingId: z.string(), sourceRef: z.string() });
export const meetingParams = z.object({ id: z.uuid({ error: "IDの形式が正しくありません" }) });

/* ---------- Support-priority radar ---------- */

export const radarComponentKeys = ["lag", "exceptions", "deskVolume", "deskMissed", "lateSurveys", "noDigitalStaff"] as const;
export type RadarComponentKey = (typeof radarComponentKeys)[number];
/**
 * Each component: its measure, capped, scaled to its weight (points = weight × min(1, value ÷ cap)); the score is
 * their sum (0–100). Shown on the page so the ranking is never a black box.
 */
export const radarComponents: Record<RadarComponentKey, { ja: string; en: string; cap: number; weight: number; unit: string }> = {
  lag: {
    ja: "期限に対する遅れ（計画より遅れている項目）",
    en: "Lag against deadlines (items behind plan)",
    cap: 10,
    weight: 30,
    unit: "件",
  },
  exceptions: { ja: "特定移行支援システムの該当", en: "特定移行支援 flags", cap: 5, weight: 15, unit: "件" },
  deskVolume: { ja: "相談件数（直近90日）", en: "Desk cases (last 90 days)", cap: 10, weight: 15, unit: "件" },
  deskMissed: { ja: "対応目標を過ぎた相談", en: "Desk cases past their target", cap: 3, weight: 15, unit: "件" },
  lateSurveys: {
    ja: "照会の回答遅れ・未回答（直近1年）",
    en: "Late or missing survey answers (last year)",
    cap: 3,
    weight: 15,
    unit: "件",
  },
  noDigitalStaff: { ja: "デジタル人材がいない", en: "No digital staff", cap: 1, weight: 10, unit: "" },
};

const radarRow = z.object({
  orgId: z.string(),
  orgName: z.string(),
  lgCode: z.string().nullable(),
  score: z.number(),
  components: z.array(z.object({ key: z.enum(radarComponentKeys), value: z.number(), points: z.number() })),
  digitalStaff: z.number().nullable(),
  proposedHours: z.number().int(),
  plannedHours: z.number().int().nullable(),
});
export type RadarRow = z.infer<typeof radarRow>;

const hours = (label: string) => int(label, 0, 100_000);

export const radarPlanInput = z
  .object({
    period: z.string().trim().min(1, "期間を入力してください").max(50, "期間は50文字以内で入力してください"),
    capacityHours: hours("専門人材の時間の上限"),
    allocations: z
      .array(z.object({ orgId: z.uuid({ error: "団体を選び直してください" }), hours: hours("配分する時間") }))
      .max(5000),
  })
  .refine((p) => p.allocations.reduce((s, a) => s + a.hours, 0) <= p.capacityHours, {
    path: ["allocations"],
    error: "配分の合計が専門人材の時間の上限を超えています。上限を上げるか配分を減らしてください",
  })
  .refine((p) => new Set(p.allocations.map((a) => a.orgId)).size === p.allocations.length, {
    path: ["allocations"],
    error: "同じ団体が2回指定されています",
  });
export type RadarPlanInput = z.infer<typeof radarPlanInput>;

export const radarView = z.object({
  asOf: z.string(),
  period: z.string(),
  capacityHours: z.number().int(),
  plannedTotal: z.number().int(),
  savedAt: z.string().nullable(),
  canEdit: z.boolean(),
  rows: z.array(radarRow),
});
export type RadarView = z.infer<typeof radarView>;

export const digitalStaff = z.object({
  headcount: z.number().int().nullable(),
  canEdit: z.boolean(),
});
export const digitalStaffInput = z.object({ headcount: int("デジタル人材の人数", 0, 10_000) });

/* ---------- The radar's backtest ---------- */

export const radarBacktestQuery = z.object({
  /** The past day the radar is recomputed for. */
  date: isoDate,
  /** The day its outcome is read (default: the next national deadline after `date`, or today if sooner). */
  to: isoDate.optional(),
});
const radarBacktestEnds = ["deadline", "today", "chosen"] as const;
export const radarBacktest = z.object({
  date: z.string(),
  to: z.string(),
  /** Why `to` is that day: the next national deadline, today (the deadline has not come), or chosen. */
  toReason: z.enum(radarBacktestEnds),
  rows: z.array(
    z.object({
      orgId: z.string(),
      orgName: z.string(),
      lgCode: z.string().nullable(),
      /** Rank by the score on `date` (1 = first to support). */
      rank: z.number().int(),
      score: z.number(),
      components: z.array(z.object({ key: z.enum(radarComponentKeys), value: z.number(), points: z.number() })),
      /** Records behind plan on `date`, and on `to`: what happened. */
      behindThen: z.number().int(),
      behindAfter: z.number().int(),
    }),
  ),
  summary: z.object({
    /** The top quarter by score, and how many of them were still behind on `to`; the same for the rest. */
    topN: z.number().int(),
    topBehind: z.number().int(),
    restN: z.number().int(),
    restBehind: z.number().int(),
    /** Spearman's rank correlation between the score on `date` and the records behind on `to` (null if undefined). */
    correlation: z.number().nullable(),
  }),
});
export type RadarBacktest = z.infer<typeof radarBacktest>;
