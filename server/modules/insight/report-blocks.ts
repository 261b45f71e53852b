import { warekiDateTime, warekiWithWeekday } from "../../../shared/dates/format.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { fiscalYearLabel, warekiDate } from "../../../shared/dates/wareki.js";
import type { BarChart } from "../../platform/files/chart.js";
import type { AnnualReport } from "./report-data.js";

/**
 * The annual report's text as blocks, written once in 公用文 (である調, figures with their units) and laid out
 * by both writers (report-files.ts: PDF and DOCX), so the two files say the same thing.
 */
export type ReportBlock =
  | { kind: "title"; text: string }
  | { kind: "right"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; rows: string[][]; weights: number[]; right?: number[] }
  | { kind: "chart"; caption: string; chart: BarChart };

/** A percentage as the report writes it: one decimal and 「％」, or 「—」 where there is no figure. */
export const pctText = (v: number | null) => (v == null ? "—" : `${v.toFixed(1)}％`);

/** The change between two percentages in points (「＋5.2ポイント」), or 「—」. */
function pointsText(now: number | null, before: number | null): string {
  if (now == null || before == null) return "—";
  const d = Math.round((now - before) * 10) / 10;
  return `${d > 0 ? "＋" : d < 0 ? "△" : "±"}${Math.abs(d).toFixed(1)}ポイント`;
}

const kanjiNumber = ["１", "２", "３", "４", "５", "６", "７", "８", "９"];
const count = (n: number, unit: string) => `${n.toLocaleString("ja-JP")}${unit}`;
const rate = (submitted: number, targets: number) => (targets ? Math.round((submitted * 1000) / targets) / 10 : null);

export function reportBlocks(r: AnnualReport): ReportBlock[] {
  const out: ReportBlock[] = [];
  const period = `${warekiDate(`${r.fiscalYear}-04-01`)}から${warekiDate(`${r.fiscalYear + 1}-03-31`)}まで`;
  let n = 0;
  let fig = 0;
  const figure = (title: string) => `図${++fig}　${title}`;
  const heading = (text: string) => out.push({ kind: "heading", text: `${kanjiNumber[n++]}　${text}` });
  const para = (text: string) => out.push({ kind: "paragraph", text });

  out.push({ kind: "right", text: warekiDate(jstDate()) });
  out.push({ kind: "right", text: [r.prefecture, r.department].filter(Boolean).join(" ") });
  out.push({ kind: "title", text: r.title });
  para(
    `本報告書は、${r.label}（${period}）における会議の開催状況、取組の進捗状況、相談窓口及び伴走型支援の実施状況、照会の実施状況並びにＦＡＱの追加状況を取りまとめたものである。`,
  );

  // 1 meetings
  const held = r.meetings.reduce((s, b) => s + b.items.length, 0);
  heading("会議の開催状況");
  if (!held) para(`${r.label}に開催した会議はない。`);
  else {
    para(`${r.label}は、${count(r.meetings.length, "の会議体")}で計${count(held, "回")}の会議を開催した。`);
    out.push({
      kind: "table",
      rows: [["会議体", "開催回数"], ...r.meetings.map((b) => [b.bodyName, count(b.items.length, "回")])],
      weights: [6, 2],
      right: [1],
    });
    r.meetings.forEach((b, i) => {
      out.push({ kind: "subheading", text: `（${i + 1}）${b.bodyName}` });
      out.push({
        kind: "table",
        rows: [
          ["会議", "開催日時", "主な議題", "決定事項"],
          ...b.items.map((m) => [
            m.name,
            warekiDateTime(m.startsAt),
            m.topics.join("\n") || "—",
            m.decisions.join("\n") || "（議事録未公開又は決定事項なし）",
          ]),
        ],
        weights: [3, 2.4, 3.6, 4],
      });
    });
  }

  // 2 progress
  heading("取組の進捗状況");
  const asOf = warekiDate(r.asOf);
  para(
    `${asOf}時点における各取組の進捗率（対象団体の平均）及び前年度末（${warekiDate(r.prevAsOf)}）からの増減は、次のとおりである。`,
  );
  if (!r.progress.length) para("登録された取組はない。");
  else {
    out.push({
      kind: "table",
      rows: [
        ["取組", "国の期限", "前年度末", `${r.label}末`, "増減"],
        ...r.progress.map((p) => [
          p.programme,
          p.deadline ? warekiDate(p.deadline) : "—",
          pctText(p.prevPct),
          pctText(p.pct),
          pointsText(p.pct, p.prevPct),
        ]),
      ],
      weights: [5, 2.6, 1.6, 1.6, 2.2],
      right: [2, 3, 4],
    });
    const series = [`${fiscalYearLabel(r.fiscalYear - 1)}末`, `${r.label}末`];
    out.push({
      kind: "chart",
      caption: figure("取組別の進捗率（前年度末との比較）"),
      chart: { series, max: 100, unit: "％", rows: r.progress.map((p) => ({ label: p.programme, values: [p.prevPct, p.pct] })) },
    });
    r.progress.forEach((p, i) => {
      if (!p.items.length) return;
      out.push({ kind: "subheading", text: `（${i + 1}）${p.programme}` });
      out.push({
        kind: "chart",
        caption: figure(`${p.programme}の項目別進捗率`),
        chart: { series, max: 100, unit: "％", rows: p.items.map((it) => ({ label: it.name, values: [it.prevPct, it.pct] })) },
      });
    });
  }

  // 3 desk
  heading("相談窓口の対応状況");
  const d = r.desk;
  para(
    `${r.label}に受け付けた相談は${count(d.total, "件")}、年度中に解決したものは${count(d.resolved, "件")}であり、年度末時点で対応中のものは${count(d.openAtEnd, "件")}である。`,
  );
  if (d.received.length) {
    out.push({
      kind: "table",
      rows: [["分類", "受付件数"], ...d.received.map((c) => [c.label, count(c.n, "件")]), ["合計", count(d.total, "件")]],
      weights: [6, 2],
      right: [1],
    });
    out.push({
      kind: "chart",
      caption: figure("分類別の相談受付件数"),
      chart: {
        series: [r.label],
        max: Math.max(1, ...d.received.map((c) => c.n)),
        unit: "件",
        rows: d.received.map((c) => ({ label: c.label, values: [c.n] })),
      },
    });
  }

  // 4 support
  heading("伴走型支援の実施状況");
  const s = r.support;
  para(
    `${r.label}に実施した伴走型支援は${count(s.active, "件")}（うち新規${count(s.started, "件")}、完了${count(s.completed, "件")}）、支援の対象は${count(s.towns, "団体")}である。`,
  );
  out.push({
    kind: "table",
    rows: [
      ["項目", "実績"],
      ["支援件数", count(s.active, "件")],
      ["うち新規", count(s.started, "件")],
      ["うち完了", count(s.completed, "件")],
      ["支援対象団体数", count(s.towns, "団体")],
      ["訪問による支援", count(s.sessionsOnSite, "回")],
      ["オンラインによる支援", count(s.sessionsOnline, "回")],
      ["専門人材の従事時間", `${(Math.round(s.minutes / 6) / 10).toLocaleString("ja-JP")}時間`],
    ],
    weights: [6, 2],
    right: [1],
  });

  // 5 surveys
  heading("照会の実施状況");
  const targets = r.surveys.reduce((t, x) => t + x.targets, 0);
  const submitted = r.surveys.reduce((t, x) => t + x.submitted, 0);
  if (!r.surveys.length) para(`${r.label}に回答期限を迎えた照会はない。`);
  else {
    para(
      `${r.label}に回答期限を迎えた照会は${count(r.surveys.length, "件")}であり、回答率（対象団体数に対する回答団体数の割合）は全体で${pctText(rate(submitted, targets))}である。`,
    );
    out.push({
      kind: "table",
      rows: [
        ["照会名", "回答期限", "対象団体数", "回答団体数", "回答率"],
        ...r.surveys.map((x) => [
          x.title,
          warekiWithWeekday(jstDate(x.deadlineAt)),
          count(x.targets, "団体"),
          count(x.submitted, "団体"),
          pctText(rate(x.submitted, x.targets)),
        ]),
      ],
      weights: [5, 3, 1.8, 1.8, 1.6],
      right: [2, 3, 4],
    });
  }

  // 6 FAQ
  heading("ＦＡＱの追加状況");
  if (!r.faq.length) para(`${r.label}に公開したＦＡＱはない。`);
  else {
    para(`${r.label}に公開したＦＡＱは${count(r.faq.length, "件")}である。`);
    out.push({ kind: "table", rows: [["分類", "質問"], ...r.faq.map((f) => [f.label, f.question])], weights: [2, 7] });
  }
  out.push({ kind: "right", text: "以上" });
  return out;
}
