import { PDFDocument } from "pdf-lib";
import { meetingStatusLabels } from "../../../shared/api/meetings.js";
import { type PlanEntry, planOutcomeLabels, type YearPlan } from "../../../shared/api/year-plan.js";
import { lastDayOfMonth } from "../../../shared/dates/calendar.js";
import { formatDate, formatMonth, warekiDateTime, warekiWithWeekday } from "../../../shared/dates/format.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import type { Ctx } from "../../platform/context.js";
import type { Download } from "../../platform/files/download.js";
import { A4Landscape, loadJapaneseFont, numberPages, PdfWriter } from "../../platform/files/pdf.js";
import { fontkit } from "../../platform/lazy-libs.js";
import { prefectureWithContact } from "../orgs/index.js";
import { getYearPlan } from "./plan.js";
import { warningText } from "./plan-export.js";

/** The marks of the timeline: how each planned meeting stands, and a national deadline. */
const marks = { planned: "○", scheduled: "◎", held: "●", missed: "×", milestone: "◆" } as const;
const legend = `${marks.planned} ${planOutcomeLabels.planned.ja}　${marks.scheduled} ${planOutcomeLabels.scheduled.ja}　${marks.held} ${planOutcomeLabels.held.ja}　${marks.missed} ${planOutcomeLabels.missed.ja}　${marks.milestone} 期限・節目`;

/** The twelve months of a fiscal year, April first, as 「YYYY-MM」. */
const monthsOf = (fy: number) =>
  Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    return `${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`;
  });

/** An entry's window in 公用文: one day with its weekday, a whole month, else 「…〜…」 (和暦). */
function windowWareki(e: Pick<PlanEntry, "startDate" | "endDate">): string {
  if (e.startDate === e.endDate) return warekiWithWeekday(e.startDate);
  if (e.startDate.endsWith("-01") && e.endDate === lastDayOfMonth(e.startDate.slice(0, 7)))
    return formatMonth(e.startDate, "ja", { western: false });
  return `${formatDate(e.startDate, "ja", { western: false })}〜${formatDate(e.endDate, "ja", { western: false })}`;
}

/** One entry in a month's cell: its mark, the day when it has one, and its title. */
function cellText(e: PlanEntry): string {
  const mark = e.type === "milestone" ? marks.milestone : marks[e.outcome ?? "planned"];
  const day = e.meeting ? jstDate(e.meeting.startsAt) : e.startDate === e.endDate ? e.startDate : null;
  return `${mark}${day ? `${Number(day.slice(8))}日` : ""} ${e.title}`;
}

/** Bodies as rows and the months across: each entry in every month its window touches (a held meeting in its month). */
function timelineRows(plan: YearPlan): string[][] {
  const months = monthsOf(plan.fiscalYear);
  const inMonth = (e: PlanEntry, m: string) =>
    e.meeting ? jstDate(e.meeting.startsAt).slice(0, 7) === m : e.startDate.slice(0, 7) <= m && e.endDate.slice(0, 7) >= m;
  const row = (name: string, entries: PlanEntry[]) => [
    name,
    ...months.map((m) =>
      entries
        .filter((e) => inMonth(e, m))
        .map(cellText)
        .join("\n"),
    ),
  ];
  const bodies = plan.bodies.filter((b) => plan.entries.some((e) => e.bodyId === b.id));
  return [
    ["会議体", ...months.map((m) => `${Number(m.slice(5))}月`)],
    ...bodies.map((b) =>
      row(
        b.name,
        plan.entries.filter((e) => e.bodyId === b.id),
      ),
    ),
    row(
      "期限・節目",
      plan.entries.filter((e) => e.type === "milestone"),
    ),
  ];
}

/**
 * The yearly plan as a printable PDF (A4 landscape, 公用文): the cross-body timeline, the national
 * deadlines, the clash warnings and planned against held, through the one Japanese typesetter.
 */
export async function yearPlanPdf(ctx: Ctx, fy: number): Promise<Download> {
  const plan = await getYearPlan(ctx, fy);
  const pref = await prefectureWithContact(ctx);
  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  const font = await doc.embedFont(loadJapaneseFont(), { subset: true });
  const title = `${plan.label} 年間計画`;
  doc.setTitle(title);
  const w = new PdfWriter(doc, font, A4Landscape, 40);
  w.text(warekiDate(jstDate()), { right: true, size: 9.5 });
  w.text(`${pref?.name ?? ""}${pref?.department ? ` ${pref.department}` : ""}`, { right: true, size: 9.5, gap: 6 });
  w.text(title, { size: 16, center: true, gap: 2 });
  w.text(`（${warekiWithWeekday(plan.startDate)}〜${warekiWithWeekday(plan.endDate)}）`, { center: true, size: 9.5, gap: 6 });
  // A heading never stands alone at the foot of a page: it keeps room for its first rows.
  const heading = (text: string) => {
    w.ensure(90);
    w.text(text, { size: 12, gap: 2 });
  };
  const s = plan.summary;
  w.text(
    `計画した会議は${s.planned}件で、うち${planOutcomeLabels.held.ja}${s.held}件、${planOutcomeLabels.scheduled.ja}${s.scheduled}件、未開催（予定時期を経過）${s.missed}件です。計画外の会議は${plan.unplanned.length}件です。`,
    { size: 10, gap: 6 },
  );

  heading("１　会議体別の開催時期");
  w.table(timelineRows(plan), { size: 7.5, weights: [2.4, ...Array.from({ length: 12 }, () => 1)] });
  w.text(`（凡例）${legend}`, { size: 8.5, gap: 8 });

  const milestones = plan.entries.filter((e) => e.type === "milestone");
  heading("２　国の期限・節目");
  if (milestones.length)
    w.table([["時期", "内容"], ...milestones.map((e) => [windowWareki(e), e.title])], { size: 9, weights: [2, 6] });
  else w.text("登録された期限・節目はありません。", { indent: 12, gap: 8 });

  const flagged = plan.entries.filter((e) => e.warnings.length);
  heading("３　日程の注意");
  if (flagged.length)
    w.table(
      [
        ["会議体", "目的・名称", "時期", "注意"],
        ...flagged.map((e) => [e.bodyName ?? "期限・節目", e.title, windowWareki(e), e.warnings.map(warningText).join("、")]),
      ],
      { size: 9, weights: [3, 3, 3, 4] },
    );
  else w.text("重なりや閉庁日にかかる予定はありません。", { indent: 12, gap: 8 });

  const meetings = plan.entries.filter((e) => e.type === "meeting");
  heading("４　計画と実績");
  if (meetings.length)
    w.table(
      [
        ["会議体", "目的・名称", "予定時期", "実績", "会議", "開催日時"],
        ...meetings.map((e) => [
          e.bodyName ?? "",
          e.title,
          windowWareki(e),
          e.outcome ? planOutcomeLabels[e.outcome].ja : "",
          e.meeting?.name ?? "",
          e.meeting ? warekiDateTime(e.meeting.startsAt) : "",
        ]),
      ],
      { size: 9, weights: [3, 3, 3, 1.8, 3.4, 3] },
    );
  else w.text("計画した会議はありません。", { indent: 12, gap: 8 });
  if (plan.unplanned.length) {
    w.text("（計画外の会議）", { size: 10, gap: 2 });
    w.table(
      [
        ["会議体", "会議", "開催日時", "状態"],
        ...plan.unplanned.map((m) => [m.bodyName, m.name, warekiDateTime(m.startsAt), meetingStatusLabels[m.status].ja]),
      ],
      { size: 9, weights: [3, 4, 3, 2] },
    );
  }
  w.text("以上", { right: true, gap: 8 });
  if (pref?.person || pref?.phone)
    w.text(`（問合せ先）${[pref.department, pref.person, pref.phone].filter(Boolean).join("　")}`, { size: 9 });
  numberPages(doc, font);
  return { filename: `${plan.label}_年間計画.pdf`, contentType: "application/pdf", body: await doc.save() };
}
