import { jstDate, jstWeekday, nextJstTime } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { defineRecurring } from "../../platform/jobs/recurring.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { notify } from "../notifications/service.js";
import { activeSecretariat, changesBetween, markReminded, overdueSteps } from "./jobs-repo.js";

/**
 * Reminds each municipality once per planned date that passed without completion: one
 * notification per municipality listing its newly overdue steps, then marks them reminded.
 */
export async function sendOverdueReminders(ctx: Ctx, now = new Date()): Promise<number> {
  const today = jstDate(now);
  const rows = await overdueSteps(ctx, today);
  const byOrg = new Map<string, typeof rows>();
  for (const r of rows) byOrg.set(r.org_id, [...(byOrg.get(r.org_id) ?? []), r]);
  for (const [orgId, steps] of byOrg) {
    await inTx(ctx, async (tx) => {
      const lines = steps.slice(0, 15).map((s) => `・${s.programme}／${s.item}：${s.step}（予定日 ${s.planned_date}）`);
      if (steps.length > 15) lines.push(`ほか${steps.length - 15}件`);
      await notify(tx, {
        orgIds: [orgId],
        category: "progress",
        title: `予定日を過ぎた取組が${steps.length}件あります`,
        body: `次のステップが予定日を過ぎても完了になっていません。状況を更新するか、予定日を見直してください。\n\n${lines.join("\n")}`,
        link: `/progress/orgs/${orgId}`,
      });
      for (const s of steps) await markReminded(tx, s.record_id, s.step_id);
      await recordAudit(tx, "progress.remind", { type: "org", id: orgId }, { steps: steps.length });
    });
  }
  return byOrg.size;
}

/** The secretariat's weekly summary: what changed in the last seven days, per programme and municipality. */
export async function sendWeeklySummary(ctx: Ctx, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - 7 * 86400_000).toISOString();
  const rows = await changesBetween(ctx, since, now.toISOString());
  const perProgramme = new Map<string, Map<string, number>>();
  const completed: string[] = [];
  const flagged: string[] = [];
  for (const r of rows) {
    const orgs = perProgramme.get(r.programme) ?? new Map<string, number>();
    orgs.set(r.org, (orgs.get(r.org) ?? 0) + 1);
    perProgramme.set(r.programme, orgs);
    const c = JSON.parse(r.changes) as { pct?: [number | null, number | null]; record?: { exception?: [boolean, boolean] } };
    if (c.pct && c.pct[1] === 10000 && c.pct[0] !== 10000) completed.push(`${r.org}／${r.item}`);
    if (c.record?.exception?.[1] && !c.record.exception[0]) flagged.push(`${r.org}／${r.item}`);
  }
  const from = jstDate(new Date(Date.parse(since)));
  const to = jstDate(new Date(now.getTime() - 1));
  const body = rows.length
    ? [
        `${from}〜${to} に ${rows.length} 件の更新がありました。`,
        ...[...perProgramme].map(([p, orgs]) => `\n■ ${p}\n${[...orgs].map(([o, n]) => `・${o}：${n}件`).join("\n")}`),
        completed.length ? `\n■ 完了した項目\n${completed.map((x) => `・${x}`).join("\n")}` : "",
        flagged.length ? `\n■ 移行困難等になった項目\n${flagged.map((x) => `・${x}`).join("\n")}` : "",
      ].join("\n")
    : `${from}〜${to} の更新はありませんでした。`;
  const secretariat = await activeSecretariat(ctx);
  if (!secretariat.length) return 0;
  return inTx(ctx, (tx) =>
    notify(tx, {
      userIds: secretariat.map((u) => u.id),
      category: "progress",
      title: `取組状況 週次まとめ（${from}〜${to}）`,
      body: body.trim(),
      link: "/progress",
    }),
  );
}

/** The next Monday 09:00 in Japan after `now`. */
export function nextMondayMorning(now: Date): Date {
  let at = nextJstTime(now, 9);
  while (jstWeekday(at) !== 1) at = new Date(at.getTime() + 86400_000);
  return at;
}

defineJob("progress.reminders", (ctx) => sendOverdueReminders(ctx).then(() => undefined));
defineJob("progress.weekly-summary", (ctx) => sendWeeklySummary(ctx).then(() => undefined));
defineRecurring("progress.reminders", (now) => {
  const at = nextJstTime(now, 8, 30);
  return { at, key: jstDate(at) };
});
defineRecurring("progress.weekly-summary", (now) => {
  const at = nextMondayMorning(now);
  return { at, key: jstDate(at) };
});
