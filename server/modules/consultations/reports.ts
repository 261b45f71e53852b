import type { z } from "zod";
import {
  type ConsultationReport,
  consultationCategories,
  consultationCategoryLabels,
  consultationChannelLabels,
  consultationChannels,
  consultationStatusLabels,
  type exportQuery,
  type reportQuery,
  urgencyLabels,
} from "../../../shared/api/consultations.js";
import { jstDate, jstMonthStart } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { excelDate, excelTime } from "../../platform/files/xlsx.js";
import { authorize } from "../../platform/policy/authorize.js";
import { isSmallOrg } from "../orgs/service.js";
import { getSettings } from "../settings/service.js";
import { clocks } from "./clock.js";
import { byConsultation, pausesOf, queueRows, reportRows } from "./repo.js";
import { summarize } from "./service.js";
import { renderSheets, type Sheet } from "./sheets.js";

/** The UTC instant at which a Japan-time month "YYYY-MM" begins. */
const monthStartIso = (ym: string) => jstMonthStart(ym).toISOString();
const nextMonth = (ym: string) => {
  const [y, m] = ym.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

type Stats = { count: number; met: number; sum: number };
const empty = (): Stats => ({ count: 0, met: 0, sum: 0 });
const add = (s: Stats, v: { state: string; usedDays: number }) => {
  if (v.state !== "met" && v.state !== "missed") return;
  s.count++;
  s.sum += v.usedDays;
  if (v.state === "met") s.met++;
};
const out = (s: Stats) => ({ count: s.count, met: s.met, avgDays: s.count ? Math.round((s.sum / s.count) * 10) / 10 : null });

/** Consultations per month by category and by municipality, response and resolution times, targets met. */
export async function consultationReport(ctx: Ctx, q: z.infer<typeof reportQuery>): Promise<ConsultationReport> {
  authorize(ctx.actor, "consultation.report");
  return buildReport(ctx, q);
}

/** The report without an actor check, for the monthly job. */
export async function buildReport(ctx: Ctx, q: z.infer<typeof reportQuery>): Promise<ConsultationReport> {
  if (q.from > q.to)
    throw invalid("終了月は開始月以降にしてください。", [{ path: "to", message: "開始月以降の月にしてください" }]);
  const months: string[] = [];
  for (let m = q.from; m <= q.to && months.length < 60; m = nextMonth(m)) months.push(m);
  // Duplicates are counted once, in their target.
  const rows = await reportRows(ctx, monthStartIso(months[0]!), monthStartIso(nextMonth(months.at(-1)!)));
  const pauseMap = byConsultation(
    await pausesOf(
      ctx,
      rows.map((r) => r.id),
    ),
  );
  const { smallMunicipalityThreshold: t } = await getSettings(ctx);
  const today = jstDate();

  const byMonth = new Map(
    months.map((m) => [
      m,
      {
        counts: Object.fromEntries(consultationCategories.map((c) => [c, 0])) as Record<string, number>,
        total: 0,
        channels: Object.fromEntries(consultationChannels.map((c) => [c, 0])) as Record<string, number>,
        fr: empty(),
        rs: empty(),
      },
    ]),
  );
  const byOrg = new Map<
    string,
    { name: string; code: string; isSmall: boolean; total: number; open: number; fr: Stats; rs: Stats }
  >();
  const totals = {
    fr: empty(),
    rs: empty(),
    small: 0,
    channels: Object.fromEntries(consultationChannels.map((c) => [c, 0])) as Record<string, number>,
  };
  for (const r of rows) {
    const month = jstDate(new Date(r.created_at)).slice(0, 7);
    const c = clocks(r, pauseMap.get(r.id) ?? [], today);
    const m = byMonth.get(month)!;
    m.counts[r.category] = (m.counts[r.category] ?? 0) + 1;
    m.total++;
    m.channels[r.channel] = (m.channels[r.channel] ?? 0) + 1;
    totals.channels[r.channel] = (totals.channels[r.channel] ?? 0) + 1;
    add(m.fr, c.firstResponse);
    add(m.rs, c.resolution);
    const small = isSmallOrg({ kind: r.kind, population: r.population }, t);
    const o = byOrg.get(r.org_id) ?? {
      name: r.name,
      code: r.lg_code ?? "",
      isSmall: small,
      total: 0,
      open: 0,
      fr: empty(),
      rs: empty(),
    };
    o.total++;
    if (r.status !== "resolved" && r.status !== "closed") o.open++;
    add(o.fr, c.firstResponse);
    add(o.rs, c.resolution);
    byOrg.set(r.org_id, o);
    add(totals.fr, c.firstResponse);
    add(totals.rs, c.resolution);
    if (small) totals.small++;
  }
  return {
    from: q.from,
    to: q.to,
    months,
    byMonthCategory: months.map((m) => ({ month: m, counts: byMonth.get(m)!.counts, total: byMonth.get(m)!.total })),
    byOrg: [...byOrg.entries()]
      .sort((a, b) => b[1].total - a[1].total || a[1].code.localeCompare(b[1].code))
      .map(([orgId, o]) => ({
        orgId,
        name: o.name,
        isSmall: o.isSmall,
        total: o.total,
        open: o.open,
        firstResponse: out(o.fr),
        resolution: out(o.rs),
      })),
    byMonthSla: months.map((m) => ({ month: m, firstResponse: out(byMonth.get(m)!.fr), resolution: out(byMonth.get(m)!.rs) })),
    byMonthChannel: months.map((m) => ({ month: m, counts: byMonth.get(m)!.channels })),
    totals: {
      count: rows.length,
      firstResponse: out(totals.fr),
      resolution: out(totals.rs),
      smallOrgShare: rows.length ? totals.small / rows.length : 0,
      byChannel: totals.channels,
    },
  };
}

const pct = (s: { count: number; met: number }) => (s.count ? Math.round((s.met / s.count) * 1000) / 10 : null);

export async function reportSheets(ctx: Ctx, q: z.infer<typeof reportQuery>, format: "csv" | "xlsx") {
  const r = await consultationReport(ctx, q);
  const cats = consultationCategories.map((c) => consultationCategoryLabels[c].ja);
  const sheets: Sheet[] = [
    {
      name: "月別・分類別",
      rows: [
        ["月", ...cats, "合計"],
        ...r.byMonthCategory.map((m) => [m.month, ...consultationCategories.map((c) => m.counts[c] ?? 0), m.total]),
      ],
    },
    {
      name: "団体別",
      rows: [
        [
          "団体",
          "小規模団体",
          "相談件数",
          "未解決",
          "初回回答 平均営業日",
          "初回回答 期限内率(%)",
          "解決 平均営業日",
          "解決 期限内率(%)",
        ],
        ...r.byOrg.map((o) => [
          o.name,
          o.isSmall ? "○" : "",
          o.total,
          o.open,
          o.firstResponse.avgDays,
          pct(o.firstResponse),
          o.resolution.avgDays,
          pct(o.resolution),
        ]),
      ],
    },
    {
      name: "月別・目標達成",
      rows: [
        ["月", "初回回答 件数", "初回回答 期限内", "初回回答 平均営業日", "解決 件数", "解決 期限内", "解決 平均営業日"],
        ...r.byMonthSla.map((m) => [
          m.month,
          m.firstResponse.count,
          m.firstResponse.met,
          m.firstResponse.avgDays,
          m.resolution.count,
          m.resolution.met,
          m.resolution.avgDays,
        ]),
      ],
    },
    {
      name: "月別・受付方法",
      rows: [
        ["月", ...consultationChannels.map((c) => consultationChannelLabels[c].ja), "合計"],
        ...r.byMonthChannel.map((m) => [
          m.month,
          ...consultationChannels.map((c) => m.counts[c] ?? 0),
          consultationChannels.reduce((n, c) => n + (m.counts[c] ?? 0), 0),
        ]),
      ],
    },
  ];
  const file = await renderSheets(sheets, format);
  return { ...file, name: `相談集計_${q.from}_${q.to}.${file.ext}` };
}

/** The list the actor sees (own organisation for municipal users), as a spreadsheet. */
export async function exportConsultations(ctx: Ctx, q: z.infer<typeof exportQuery>) {
  authorize(ctx.actor, "consultation.export");
  const today = jstDate();
  const { rows } = await queueRows(ctx, ctx.actor, { ...q, limit: 20_000, offset: 0 }, today);
  const pauses = byConsultation(
    await pausesOf(
      ctx,
      rows.map((r) => r.id),
    ),
  );
  const { smallMunicipalityThreshold: t } = await getSettings(ctx);
  const header = [
    "受付日",
    "団体",
    "分類",
    "件名",
    "緊急度",
    "状態",
    "担当者",
    "初回回答期限",
    "初回回答",
    "解決期限",
    "解決",
    "ID",
  ];
  const body = rows.map((row) => {
    const s = summarize(row, pauses.get(row.id) ?? [], t, today);
    return [
      excelTime(row.created_at),
      s.org.name,
      consultationCategoryLabels[s.category].ja,
      s.subject,
      urgencyLabels[s.urgency].ja,
      consultationStatusLabels[s.status].ja,
      s.assignee?.name ?? "",
      excelDate(s.firstResponse.due),
      excelTime(row.first_response_at),
      excelDate(s.resolution.due),
      excelTime(row.resolved_at),
      s.id,
    ];
  });
  const file = await renderSheets([{ name: "相談一覧", rows: [header, ...body] }], q.format);
  return { ...file, name: `相談一覧_${today}.${file.ext}` };
}
