import fs from "node:fs";
import { parseCsv } from "../../../shared/csv.js";
import { type Ctx, newId, nowIso } from "../../platform/context.js";
import { insertChunked } from "./batch-repo.js";
import type { ItemRow, MetricRow, ProgrammeRow, StepRow } from "./repo.js";

/**
 * The four programmes of the Yamaguchi council, from the reference lists copied into
 * server/modules/demo/data (the standardised business systems, the national procedure's steps,
 * the priority online procedures). Everything here stays editable on screen and by CSV.
 */
const csv = (name: string) => {
  const [header, ...rows] = parseCsv(fs.readFileSync(new URL(`../demo/data/${name}`, import.meta.url), "utf8"));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])) as Record<string, string>);
};

export interface SeededDefinitions {
  programmes: Record<"standardisation" | "online" | "rpa" | "divide", string>;
  /** code → item id, per programme key */
  items: Record<string, Record<string, string>>;
  /** item id → step ids in order */
  steps: Record<string, string[]>;
  /** item id → metric ids in order */
  metrics: Record<string, string[]>;
}

interface ItemSpec {
  code: string;
  name: string;
  nameEn?: string;
  group?: string;
  tracking: "steps" | "metrics";
  steps?: { code: string; name: string; nameEn?: string; phase?: string; options?: string[] }[];
  metrics?: { code: string; name: string; unit: string; target: number | null }[];
}

interface ProgrammeSpec {
  key: keyof SeededDefinitions["programmes"];
  code: string;
  name: string;
  nameEn: string;
  description: string;
  deadline: string | null;
  exceptionLabel: string | null;
  items: ItemSpec[];
}

export function programmeSpecs(): ProgrammeSpec[] {
  const steps = csv("standardisation-steps.csv").map((s) => ({
    code: s.no!.padStart(2, "0"),
    name: s.name!,
    nameEn: s.name_en,
    phase: s.phase,
  }));
  const systems: ItemSpec[] = csv("standard-business-systems.csv").map((s) => ({
    code: s.no!.padStart(2, "0"),
    name: s.name!,
    nameEn: s.name_en,
    group: s.group,
    tracking: "steps",
    steps,
  }));
  const online: ItemSpec[] = csv("online-procedures.csv").map((p) => ({
    code: p.no!.padStart(2, "0"),
    name: p.name!,
    group: p.category,
    tracking: "steps",
    steps: [{ code: "online", name: "オンライン化", nameEn: "Online", options: ["マイナポータル", "その他の電子申請"] }],
  }));
  return [
    {
      key: "standardisation",
      code: "standardisation",
      name: "基幹業務システムの標準化・共通化",
      nameEn: "Standardisation of core business systems",
      description:
        "標準化対象20業務について、国の手順書に沿ったステップごとの進捗を管理する。移行期限は令和7年度末（2026年3月31日）。移行が極めて困難なシステムは特定移行支援システムとして個別の期限を設定する。",
      deadline: "2026-03-31",
      exceptionLabel: "特定移行支援システム（移行困難）",
      items: systems,
    },
    {
      key: "online",
      code: "online-procedures",
      name: "行政手続のオンライン化",
      nameEn: "Online administrative procedures",
      description:
        "自治体DX推進計画でマイナポータルからのオンライン化を優先する手続（子育て・介護・罹災証明書）。子育て・介護の26手続がすべてオンラインになれば達成。",
      deadline: null,
      exceptionLabel: null,
      items: online,
    },
    {
      key: "rpa",
      code: "rpa",
      name: "RPA等共同利用",
      nameEn: "Shared RPA",
      description: "RPA・AI-OCRの共同利用への参加状況、自動化した業務数、年度ごとの削減時間。",
      deadline: null,
      exceptionLabel: null,
      items: [
        {
          code: "participation",
          name: "共同利用への参加",
          tracking: "steps",
          steps: [{ code: "join", name: "共同利用に参加", nameEn: "Joined" }],
        },
        {
          code: "processes",
          name: "自動化した業務数",
          tracking: "metrics",
          metrics: [{ code: "count", name: "業務数", unit: "業務", target: 5 }],
        },
        {
          code: "hours",
          name: "削減時間",
          tracking: "metrics",
          metrics: [{ code: "hours", name: "削減時間", unit: "時間", target: 500 }],
        },
      ],
    },
    {
      key: "divide",
      code: "digital-divide",
      name: "デジタルデバイド対策",
      nameEn: "Digital divide",
      description: "スマートフォン教室の開催回数と参加者数（年度ごと、目標に対する達成率）。",
      deadline: null,
      exceptionLabel: null,
      items: [
        {
          code: "classes",
          name: "スマホ教室 開催回数",
          tracking: "metrics",
          metrics: [{ code: "classes", name: "開催回数", unit: "回", target: 12 }],
        },
        {
          code: "participants",
          name: "スマホ教室 参加者数",
          tracking: "metrics",
          metrics: [{ code: "participants", name: "参加者数", unit: "人", target: 200 }],
        },
      ],
    },
  ];
}

/** Inserts the programmes, items, steps and metrics (no records: the caller creates them). */
export async function seedProgressDefinitions(ctx: Ctx): Promise<SeededDefinitions> {
  const now = nowIso();
  const stamp = { created_at: now, updated_at: now, archived: 0 as const };
  const out: SeededDefinitions = { programmes: {} as SeededDefinitions["programmes"], items: {}, steps: {}, metrics: {} };
  const programmes: ProgrammeRow[] = [];
  const items: ItemRow[] = [];
  const steps: StepRow[] = [];
  const metrics: MetricRow[] = [];
  programmeSpecs().forEach((p, pi) => {
    const id = newId();
    out.programmes[p.key] = id;
    out.items[p.key] = {};
    programmes.push({
      id,
      code: p.code,
      name: p.name,
      name_en: p.nameEn,
      description: p.description,
      deadline: p.deadline,
      exception_label: p.exceptionLabel,
      lag_threshold: 20,
      sort_order: pi + 1,
      ...stamp,
    });
    p.items.forEach((it, ii) => {
      const itemId = newId();
      out.items[p.key]![it.code] = itemId;
      items.push({
        id: itemId,
        programme_id: id,
        code: it.code,
        name: it.name,
        name_en: it.nameEn ?? null,
        group_label: it.group ?? null,
        tracking: it.tracking,
        deadline: null,
        sort_order: ii + 1,
        ...stamp,
      });
      out.steps[itemId] = [];
      (it.steps ?? []).forEach((s, si) => {
        const sid = newId();
        out.steps[itemId]!.push(sid);
        steps.push({
          id: sid,
          item_id: itemId,
          code: s.code,
          name: s.name,
          name_en: s.nameEn ?? null,
          phase: s.phase ?? null,
          options: s.options ? JSON.stringify(s.options) : null,
          sort_order: si + 1,
          ...stamp,
        });
      });
      out.metrics[itemId] = [];
      (it.metrics ?? []).forEach((m, mi) => {
        const mid = newId();
        out.metrics[itemId]!.push(mid);
        metrics.push({
          id: mid,
          item_id: itemId,
          code: m.code,
          name: m.name,
          name_en: null,
          unit: m.unit,
          target_default: m.target,
          sort_order: mi + 1,
          ...stamp,
        });
      });
    });
  });
  await insertChunked(ctx, "progress_programmes", programmes);
  await insertChunked(ctx, "progress_items", items);
  await insertChunked(ctx, "progress_steps", steps);
  await insertChunked(ctx, "progress_metrics", metrics);
  return out;
}
