import { jstDate, nextJstTime } from "../../../shared/dates/jst.js";
import { dueReminder } from "../../../shared/surveys/reminders.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { defineRecurring } from "../../platform/jobs/recurring.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { deadlineDateOf, effectiveDeadline, isOpened } from "./access.js";
import { publishedWithDeadline } from "./reminders-repo.js";
import { targetStates } from "./targets-repo.js";
import { sendReminder } from "./tracking.js";

/**
 * The daily reminder run: for each open survey, every organisation that has not submitted gets
 * the reminder due today (N business days before its deadline, and on the day). Each reminder is
 * recorded once, so a second run on the same day — or on another instance — sends nothing.
 */
export async function sendDueReminders(ctx: Ctx, now = new Date()): Promise<number> {
  const today = jstDate(now);
  const surveys = await publishedWithDeadline(ctx);
  let sent = 0;
  for (const row of surveys) {
    if (!isOpened(row, now)) continue;
    await inTx(ctx, async (tx) => {
      const orgs: string[] = [];
      for (const s of await targetStates(tx, row.id)) {
        if (s.status === "submitted") continue;
        const deadline = effectiveDeadline(row, s)!;
        if (now.toISOString() > deadline) continue;
        const due = dueReminder(today, deadlineDateOf(deadline)!, row.remind_days_before, row.remind_on_day === 1);
        if (due && (await sendReminder(tx, row, s, due.kind, due.key))) orgs.push(s.org_id);
      }
      if (orgs.length) await recordAudit(tx, "survey.autoRemind", { type: "survey", id: row.id }, { date: today, orgIds: orgs });
      sent += orgs.length;
    });
  }
  return sent;
}

defineJob("surveys.reminders", async (ctx) => {
  await sendDueReminders(ctx);
});
// Every morning at 09:00 Japan time, when the offices open.
defineRecurring("surveys.reminders", (now) => {
  const at = nextJstTime(now, 9);
  return { at, key: at.toISOString().slice(0, 10) };
});
