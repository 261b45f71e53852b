import { consultationCategoryLabels } from "../../../shared/api/consultations.js";
import { fiscalYearRange, jstDate, jstDayEnd, jstDayStart } from "../../../shared/dates/jst.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import type { Ctx } from "../../platform/context.js";
import { listBodyRows } from "../bodies/index.js";
import { deskPeriodFigures } from "../consultations/index.js";
import { faqPublishedBetween } from "../faq/index.js";
import { listAgendaRows, listDecisions, visibleMeetingList } from "../meetings/index.js";
import { prefectureWithContact } from "../orgs/index.js";
import { getDashboard, listProgrammeRows } from "../progress/index.js";
import { supportPeriodFigures } from "../support/index.js";
import { surveyPeriodResponses } from "../surveys/index.js";

/**
 * The figures of the annual report (取組状況報告) for one fiscal year, read through each module's own functions:
 * the progress figures are the dashboard's own (getDashboard "as of" the fiscal year's last day and the year
 * before's), so every figure in the report equals what the dashboards show for those days.
 */
export interface AnnualReport {
  fiscalYear: number;
  /** 「令和8年度」 */
  label: string;
  /** 「令和8年度 山口県デジタル・ガバメント構築連携会議 取組状況報告書」 */
  title: string;
  prefecture: string;
  department: string | null;
  /** The last day of the fiscal year (the progress figures stand as of that day) and of the year before. */
  asOf: string;
  prevAsOf: string;
  meetings: { bodyName: string; items: { name: string; startsAt: string; topics: string[]; decisions: string[] }[] }[];
  progress: {
    programme: string;
    deadline: string | null;
    pct: number | null;
    prevPct: number | null;
    items: { name: string; pct: number | null; prevPct: number | null }[];
  }[];
  desk: { received: { label: string; n: number }[]; total: number; resolved: number; openAtEnd: number };
  support: Awaited<ReturnType<typeof supportPeriodFigures>>;
  surveys: { title: string; deadlineAt: string; targets: number; submitted: number }[];
  faq: { label: string; question: string }[];
}

const heldStatuses = new Set(["held", "minutes_published"]);

/** The fiscal year's days and instants (Japan days: 4/1 00:00 JST to 4/1 of the next year 00:00 JST). */
function reportPeriod(fy: number) {
  const { start, end } = fiscalYearRange(fy);
  return { start, end, from: jstDayStart(start).toISOString(), to: jstDayEnd(end).toISOString() };
}

/** The meetings held in the year, per body (in the bodies' order), each with its accepted topics and its decisions. */
async function meetingsOf(ctx: Ctx, fy: number) {
  const { start, end } = reportPeriod(fy);
  const meetings = (await visibleMeetingList(ctx, { from: start, to: end })).filter((m) => heldStatuses.has(m.status));
  const decisions = (await listDecisions(ctx, { fiscalYear: fy, limit: 500, offset: 0 })).items;
  const bodies = new Map<string, AnnualReport["meetings"][number]>();
  for (const m of meetings.sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const topics = (await listAgendaRows(ctx, m.id)).filter((a) => a.status === "accepted").map((a) => a.title);
    const decided = decisions.filter((d) => d.meetingId === m.id).map((d) => `${d.agendaTitle}：${d.decision}`);
    const body = bodies.get(m.bodyId) ?? { bodyName: m.bodyName, items: [] };
    body.items.push({ name: m.name, startsAt: m.startsAt, topics, decisions: decided });
    bodies.set(m.bodyId, body);
  }
  const order = (await listBodyRows(ctx)).map((b) => b.id);
  return [...bodies.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([, v]) => v);
}

/** Each programme's overall and per-item figures from the dashboard as of the year's last day and the year before's. */
async function progressOf(ctx: Ctx, asOf: string, prevAsOf: string) {
  const out: AnnualReport["progress"] = [];
  for (const p of await listProgrammeRows(ctx)) {
    const now = await getDashboard(ctx, { programmeId: p.id, asOf });
    const prev = await getDashboard(ctx, { programmeId: p.id, asOf: prevAsOf });
    const prevItems = new Map(prev.items.map((i) => [i.id, i.pct]));
    out.push({
      programme: p.name,
      deadline: p.deadline,
      pct: now.overall,
      prevPct: prev.overall,
      items: now.items.map((i) => ({ name: i.name, pct: i.pct, prevPct: prevItems.get(i.id) ?? null })),
    });
  }
  return out;
}

/** Whether anything happened in the year: a report of nothing is refused before a job is queued. */
export async function yearHasRecords(ctx: Ctx, fy: number): Promise<boolean> {
  const { start, end, from, to } = reportPeriod(fy);
  const meetings = await visibleMeetingList(ctx, { from: start, to: end });
  if (meetings.some((m) => heldStatuses.has(m.status))) return true;
  const desk = await deskPeriodFigures(ctx, from, to);
  if (desk.received.length || desk.resolved) return true;
  const support = await supportPeriodFigures(ctx, start, end);
  if (support.active || support.sessionsOnSite + support.sessionsOnline) return true;
  if ((await surveyPeriodResponses(ctx, from, to)).length) return true;
  return (await faqPublishedBetween(ctx, from, to)).length > 0;
}

/**
 * Gathers the report in parts, calling `step(done, total)` after each (the job notes its progress with it).
 */
export async function gatherAnnualReport(
  ctx: Ctx,
  fy: number,
  step: (done: number, total: number) => Promise<void> = async () => {},
): Promise<AnnualReport> {
  const { start, end, from, to } = reportPeriod(fy);
  const asOf = end;
  const prevAsOf = fiscalYearRange(fy - 1).end;
  const total = 6;
  const meetings = await meetingsOf(ctx, fy);
  await step(1, total);
  const progress = await progressOf(ctx, asOf, prevAsOf);
  await step(2, total);
  const desk = await deskPeriodFigures(ctx, from, to);
  await step(3, total);
  const support = await supportPeriodFigures(ctx, start, end);
  const surveys = await surveyPeriodResponses(ctx, from, to);
  await step(4, total);
  const faq = await faqPublishedBetween(ctx, from, to);
  const pref = await prefectureWithContact(ctx);
  const council = (await listBodyRows(ctx)).find((b) => b.kind === "council");
  const label = fiscalYearLabel(fy);
  return {
    fiscalYear: fy,
    label,
    title: `${label} ${council?.name ?? `${pref?.name ?? ""}デジタル・ガバメント構築連携会議`} 取組状況報告書`,
    prefecture: pref?.name ?? "",
    department: pref?.department ?? null,
    asOf: [asOf, jstDate()].sort()[0]!,
    prevAsOf,
    meetings,
    progress,
    desk: {
      received: desk.received
        .map((r) => ({ label: consultationCategoryLabels[r.category].ja, n: r.n }))
        .sort((a, b) => b.n - a.n),
      total: desk.received.reduce((s, r) => s + r.n, 0),
      resolved: desk.resolved,
      openAtEnd: desk.openAtEnd,
    },
    support,
    surveys,
    faq: faq.map((f) => ({ label: consultationCategoryLabels[f.category].ja, question: f.question })),
  };
}
