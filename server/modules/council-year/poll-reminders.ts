import { addBusinessDays } from "../../../shared/dates/calendar.js";
import { warekiDateTime } from "../../../shared/dates/format.js";
import { jstDate, jstDayEnd, nextJstTime } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { defineRecurring } from "../../platform/jobs/recurring.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { listMemberRows } from "../bodies/index.js";
import { notify } from "../notifications/service.js";
import { listResponseRows, pollsDueForReminder, updatePollRow } from "./polls-repo.js";

/** How many business days before a poll's deadline the organisations that have not answered are reminded. */
const POLL_REMINDER_BUSINESS_DAYS = 2;

/** Reminds, once per poll, every organisation on the roll that has not answered, when the deadline is near. */
export async function sendPollReminders(ctx: Ctx, now = new Date()): Promise<number> {
  const until = jstDayEnd(addBusinessDays(jstDate(now), POLL_REMINDER_BUSINESS_DAYS)).toISOString();
  const due = await pollsDueForReminder(ctx, until, now.toISOString());
  let sent = 0;
  for (const poll of due) {
    await inTx(ctx, async (tx) => {
      const answered = new Set((await listResponseRows(tx, [poll.id])).map((r) => r.org_id));
      const orgIds = [...new Set((await listMemberRows(tx, [poll.body_id])).map((m) => m.org_id))].filter(
        (id): id is string => !!id && !answered.has(id),
      );
      if (orgIds.length)
        await notify(tx, {
          orgIds,
          category: "meeting",
          title: `日程調整の回答をお願いします：${poll.title}`,
          body: `回答期限：${warekiDateTime(poll.deadline)}`,
          link: `/date-polls/${poll.id}`,
          mail: { template: "poll.reminder", vars: { 件名: poll.title, 期限: warekiDateTime(poll.deadline) } },
        });
      await updatePollRow(tx, poll.id, { reminded_at: nowIso() });
      await recordAudit(tx, "datePoll.remind", { type: "date_poll", id: poll.id }, { orgIds });
      sent += orgIds.length;
    });
  }
  return sent;
}

const POLL_REMINDER_JOB = "datePolls.reminders";
defineJob(POLL_REMINDER_JOB, async (ctx) => {
  await sendPollReminders(ctx);
});
// Every morning at 08:30 Japan time, with the other reminders.
defineRecurring(POLL_REMINDER_JOB, (now) => {
  const at = nextJstTime(now, 8, 30);
  return { at, key: jstDate(at) };
});
