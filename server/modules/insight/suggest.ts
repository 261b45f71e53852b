import { createHash } from "node:crypto";
import { consultationCategoryLabels } from "../../../shared/api/consultations.js";
import type { InsightRules, Suggestion, SuggestionKind } from "../../../shared/api/insight.js";
import { suggestionKinds } from "../../../shared/api/insight.js";
import { warekiDate } from "../../../shared/dates/wareki.js";

/**
 * The rules of agenda suggestions, as pure functions of the evidence the service gathered.
 * Each suggestion's score is its main measure over the rule's threshold (≥ 1 once it qualifies),
 * times one plus an urgency factor between 0 and 1 named in its score note.
 */

export interface Evidence {
  today: string;
  /** Per item, the municipalities behind plan on it (in order of their code). */
  behind: { itemId: string; itemName: string; programmeName: string; deadline: string; towns: string[] }[];
  challenges: { id: string; title: string; openDays: number; towns: string[] }[];
  desk: { category: keyof typeof consultationCategoryLabels; current: { orgName: string; n: number }[]; previous: number }[];
  actions: { id: string; title: string; meetingId: string; dueDate: string; orgName: string; overdueDays: number }[];
  surveys: { id: string; title: string; targets: number; submitted: number; missing: string[] }[];
  notices: { id: string; title: string; daysPublished: number; unread: string[] }[];
}

const DAYS_PER_MONTH = 30.44;
const round2 = (n: number) => Math.round(n * 100) / 100;
const clamp01 = (n: number) => Math.max(0, Math.min(1, n));
const uniq = (xs: string[]) => [...new Set(xs)];

function fingerprint(s: Pick<Suggestion, "counts" | "towns">): string {
  const stable = JSON.stringify({ counts: s.counts.map((c) => [c.label, c.value]), towns: [...s.towns].sort() });
  return createHash("sha256").update(stable).digest("hex").slice(0, 32);
}

type Draft = Omit<Suggestion, "fingerprint" | "changedSinceDismissed">;

function progressSuggestions(r: InsightRules["progress"], e: Evidence): Draft[] {
  const out: Draft[] = [];
  for (const { itemId, itemName, programmeName, deadline, ...behind } of e.behind) {
    const towns = uniq(behind.towns);
    if (towns.length < r.minTownsBehind) continue;
    const daysLeft = Math.max(0, (Date.parse(deadline) - Date.parse(e.today)) / 86_400_000);
    const monthsLeft = Math.round((daysLeft / DAYS_PER_MONTH) * 10) / 10;
    const urgency = clamp01(1 - monthsLeft / r.monthsAhead);
    const base = towns.length / r.minTownsBehind;
    out.push({
      key: `progress:${itemId}`,
      kind: "progress",
      title: `「${itemName}」の進捗の遅れ（${towns.length}団体、期限まで約${Math.ceil(monthsLeft)}か月）`,
      purpose: `${programmeName}の「${itemName}」について、${towns.join("、")}の${towns.length}団体が計画より遅れています。期限は${warekiDate(deadline)}です。遅れの要因と必要な支援について協議します。`,
      score: round2(base * (1 + urgency)),
      scoreNote: `遅れている団体 ${towns.length} ÷ 基準 ${r.minTownsBehind} × (1 + 期限の近さ ${round2(urgency)})`,
      counts: [
        { label: "遅れている団体数", value: towns.length },
        { label: "期限までの月数", value: monthsLeft },
      ],
      towns,
      links: [{ label: itemName, href: `/progress/items/${itemId}` }],
    });
  }
  return out;
}

function challengeSuggestions(r: InsightRules["challenge"], e: Evidence): Draft[] {
  return e.challenges
    .filter((c) => c.towns.length >= r.minTowns && c.openDays >= r.minOpenDays)
    .map((c) => {
      const age = clamp01((c.openDays - r.minOpenDays) / Math.max(r.minOpenDays, 30));
      return {
        key: `challenge:${c.id}`,
        kind: "challenge" as const,
        title: `課題「${c.title}」（${c.towns.length}団体で共有）`,
        purpose: `${c.towns.join("、")}の${c.towns.length}団体が共有している課題です（${c.openDays}日間未解決）。解決策と共同での対応について協議します。`,
        score: round2((c.towns.length / r.minTowns) * (1 + age)),
        scoreNote: `共有する団体 ${c.towns.length} ÷ 基準 ${r.minTowns} × (1 + 未解決の長さ ${round2(age)})`,
        counts: [
          { label: "共有する団体数", value: c.towns.length },
          { label: "未解決の日数", value: c.openDays },
        ],
        towns: c.towns,
        links: [{ label: c.title, href: `/challenges/${c.id}` }],
      };
    });
}

function deskSuggestions(r: InsightRules["desk"], e: Evidence): Draft[] {
  const out: Draft[] = [];
  for (const d of e.desk) {
    const cases = d.current.reduce((s, x) => s + x.n, 0);
    const towns = uniq(d.current.map((x) => x.orgName));
    if (cases < r.minCases || towns.length < r.minTowns) continue;
    const rise = clamp01((cases - d.previous) / cases);
    const label = consultationCategoryLabels[d.category].ja;
    const trend = d.previous < cases ? "増えています" : "繰り返し寄せられています";
    out.push({
      key: `desk:${d.category}`,
      kind: "desk",
      title: `相談窓口：「${label}」の相談（直近${r.windowDays}日で${cases}件・${towns.length}団体）`,
      purpose: `直近${r.windowDays}日間に「${label}」の相談が${towns.join("、")}から${cases}件寄せられ、${trend}（その前の${r.windowDays}日間は${d.previous}件）。共通する論点と対応方針について協議します。`,
      score: round2((cases / r.minCases) * (1 + rise)),
      scoreNote: `相談件数 ${cases} ÷ 基準 ${r.minCases} × (1 + 増加 ${round2(rise)})`,
      counts: [
        { label: "相談件数", value: cases },
        { label: "相談した団体数", value: towns.length },
        { label: "前の期間の件数", value: d.previous },
      ],
      towns,
      links: [{ label: `${label}の相談`, href: `/consultations?category=${d.category}` }],
    });
  }
  return out;
}

function actionSuggestions(r: InsightRules["actions"], e: Evidence): Draft[] {
  const items = e.actions.filter((a) => a.overdueDays >= r.minOverdueDays);
  if (items.length < r.minItems || items.length === 0) return [];
  const towns = uniq(items.map((a) => a.orgName));
  const longest = Math.max(...items.map((a) => a.overdueDays));
  const age = clamp01(longest / 30);
  return [
    {
      key: "actions",
      kind: "actions",
      title: `期限を過ぎた宿題事項の確認（${items.length}件）`,
      purpose: `これまでの会議の宿題事項のうち${items.length}件が期限を過ぎています（${towns.join("、")}）。進み具合と今後の見通しを確認します。`,
      score: round2((items.length / r.minItems) * (1 + age)),
      scoreNote: `期限超過の件数 ${items.length} ÷ 基準 ${r.minItems} × (1 + 最長の超過 ${round2(age)})`,
      counts: [
        { label: "期限超過の件数", value: items.length },
        { label: "最長の超過日数", value: longest },
      ],
      towns,
      links: items.map((a) => ({ label: `${a.title}（${a.orgName}）`, href: `/meetings/${a.meetingId}` })),
    },
  ];
}

function surveySuggestions(r: InsightRules["survey"], e: Evidence): Draft[] {
  return e.surveys
    .filter((s) => s.targets > 0 && (s.submitted * 100) / s.targets < r.maxResponsePct)
    .map((s) => {
      const pct = Math.round((s.submitted * 1000) / s.targets) / 10;
      return {
        key: `survey:${s.id}`,
        kind: "survey" as const,
        title: `照会「${s.title}」の回答状況（回答率${pct}%）`,
        purpose: `照会「${s.title}」は回答期限を過ぎましたが、${s.targets}団体のうち${s.submitted}団体の回答にとどまっています。未回答の団体の状況と回答への支援について確認します。`,
        score: round2((100 - pct) / Math.max(1, 100 - r.maxResponsePct)),
        scoreNote: `未回答率 ${round2(100 - pct)}% ÷ 基準 ${100 - r.maxResponsePct}%`,
        counts: [
          { label: "対象団体数", value: s.targets },
          { label: "回答した団体数", value: s.submitted },
          { label: "回答率（%）", value: pct },
        ],
        towns: s.missing,
        links: [{ label: s.title, href: `/surveys/${s.id}/status` }],
      };
    });
}

function noticeSuggestions(r: InsightRules["notice"], e: Evidence): Draft[] {
  return e.notices
    .filter((n) => n.daysPublished >= r.minDaysPublished && n.unread.length >= r.minUnreadTowns)
    .map((n) => ({
      key: `notice:${n.id}`,
      kind: "notice" as const,
      title: `必読のお知らせ「${n.title}」の周知（未確認${n.unread.length}団体）`,
      purpose: `必読のお知らせ「${n.title}」を掲載して${n.daysPublished}日が経ちましたが、${n.unread.join("、")}の${n.unread.length}団体で未確認です。内容を会議で改めて説明します。`,
      score: round2(n.unread.length / r.minUnreadTowns),
      scoreNote: `未確認の団体 ${n.unread.length} ÷ 基準 ${r.minUnreadTowns}`,
      counts: [
        { label: "未確認の団体数", value: n.unread.length },
        { label: "掲載からの日数", value: n.daysPublished },
      ],
      towns: n.unread,
      links: [{ label: n.title, href: `/notices/${n.id}` }],
    }));
}

const builders: Record<SuggestionKind, (r: any, e: Evidence) => Draft[]> = {
  progress: progressSuggestions,
  challenge: challengeSuggestions,
  desk: deskSuggestions,
  actions: actionSuggestions,
  survey: surveySuggestions,
  notice: noticeSuggestions,
};

/** Every suggestion the enabled rules find, highest score first (ties: the rules' order, then title). */
export function buildSuggestions(rules: InsightRules, e: Evidence): (Draft & { fingerprint: string })[] {
  const all = suggestionKinds.flatMap((k) => (rules[k].enabled ? builders[k](rules[k], e) : []));
  const order = (k: SuggestionKind) => suggestionKinds.indexOf(k);
  return all
    .map((s) => ({ ...s, fingerprint: fingerprint(s) }))
    .sort((a, b) => b.score - a.score || order(a.kind) - order(b.kind) || a.title.localeCompare(b.title, "ja"));
}
