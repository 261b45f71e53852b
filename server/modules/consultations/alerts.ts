import { addBusinessDays, isBusinessDay } from "../../../shared/dates/calendar.js";
import { jstDate, nextJstTime } from "../../../shared/dates/jst.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { defineRecurring } from "../../platform/jobs/recurring.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { notify } from "../notifications/service.js";
import { activeSecretariatIds, alertRecorded, insertAlert, runningDueBy } from "./alerts-repo.js";
import { clocks, warnDays } from "./clock.js";
import { byConsultation, pausesOf } from "./repo.js";
import { buildReport } from "./reports.js";
import { deskUserIds } from "./service.js";

const targetName = { firstResponse: "初回回答", resolution: "解決" } as const;

/** Records an alert once per consultation, target and due date; false when it was already sent. */
async function once(ctx: Ctx, consultationId: string, kind: string, due: string): Promise<boolean> {
  if (await alertRecorded(ctx, consultationId, kind, due)) return false;
  await insertAlert(ctx, { consultation_id: consultationId, kind, due, created_at: nowIso() });
  return true;
}

/**
 * The daily service-level sweep: warns the assignee (or the desk, when nobody has it) when a target
 * is about to be missed, and the secretariat (and assignee) when it has been. Each alert goes out once.
 */
export async function sweepServiceLevels(ctx: Ctx, now = new Date()): Promise<{ warned: number; missed: number }> {
  const today = jstDate(now);
  const counts = { warned: 0, missed: 0 };
  if (!isBusinessDay(today)) return counts; // nobody reads warnings on a closed day; the next business day catches up
  const rows = await runningDueBy(ctx, addBusinessDays(today, warnDays));
  const pauses = byConsultation(
    await pausesOf(
      ctx,
      rows.map((r) => r.id),
    ),
  );
  const desk = await deskUserIds(ctx);
  const secretariat = await activeSecretariatIds(ctx);
  for (const row of rows) {
    const c = clocks(row, pauses.get(row.id) ?? [], today);
    for (const target of ["firstResponse", "resolution"] as const) {
      const v = c[target];
      if (v.state !== "due_soon" && v.state !== "overdue") continue;
      const missed = v.state === "overdue";
      await inTx(ctx, async (tx) => {
        if (!(await once(tx, row.id, `${target}.${missed ? "missed" : "warn"}`, v.due))) return;
        const assignee = row.assignee_id ? [row.assignee_id] : desk;
        await notify(tx, {
          userIds: missed ? [...new Set([...secretariat, ...(row.assignee_id ? [row.assignee_id] : [])])] : assignee,
          category: "consultation",
          title: missed
            ? `${targetName[target]}の期限を過ぎました：${row.subject}`
            : `${targetName[target]}の期限が近づいています：${row.subject}`,
          body: missed
            ? `${targetName[target]}の期限（${v.due}）を過ぎています。担当と対応状況を確認してください。`
            : `${targetName[target]}の期限は${v.due}です（残り${v.remainingDays}営業日）。`,
          link: `/consultations/${row.id}`,
        });
        counts[missed ? "missed" : "warned"]++;
      });
    }
  }
  return counts;
}

const previousMonth = (today: string) => {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};
const rate = (s: { count: number; met: number }) => (s.count ? `${Math.round((s.met / s.count) * 100)}%` : "—");

/** The monthly report of targets met, sent to the secretariat for the month before `now`. */
export async function sendMonthlyReport(ctx: Ctx, now = new Date()): Promise<number> {
  const month = previousMonth(jstDate(now));
  const r = await buildReport(ctx, { from: month, to: month });
  return inTx(ctx, (tx) =>
    activeSecretariatIds(tx).then((ids) =>
      notify(tx, {
        userIds: ids,
        category: "consultation",
        title: `相談窓口の月次報告（${month}）`,
        body: `${month}の相談は${r.totals.count}件でした。初回回答の期限内率 ${rate(r.totals.firstResponse)}（${r.totals.firstResponse.met}/${r.totals.firstResponse.count}件）、解決の期限内率 ${rate(r.totals.resolution)}（${r.totals.resolution.met}/${r.totals.resolution.count}件）。`,
        link: `/consultations/reports?from=${month}&to=${month}`,
      }),
    ),
  );
}

defineJob("consultations.slaSweep", async (ctx) => {
  await sweepServiceLevels(ctx);
});
// Every morning at 08:30 Japan time, before the desk opens its queue.
defineRecurring("consultations.slaSweep", (now) => {
  const at = nextJstTime(now, 8, 30);
  return { at, key: at.toISOString().slice(0, 10) };
});

defineJob("consultations.monthlyReport", async (ctx, payload: { at?: string }) => {
  await sendMonthlyReport(ctx, payload.at ? new Date(payload.at) : new Date());
});
// The 1st of each month at 09:00 Japan time, for the month before.
defineRecurring("consultations.monthlyReport", (now) => {
  let at = nextJstTime(now, 9);
  while (jstDate(at).slice(8) !== "01") at = new Date(at.getTime() + 86400_000);
  return { at, key: jstDate(at).slice(0, 7) };
});
