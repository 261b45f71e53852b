import { addBusinessDays } from "../../../shared/dates/calendar.js";
import { warekiDateTime, warekiWithWeekday } from "../../../shared/dates/format.js";
import { jstDate, jstDayEnd, nextJstTime } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { defineRecurring } from "../../platform/jobs/recurring.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { meetingName } from "../meetings/index.js";
import { notify } from "../notifications/service.js";
import { insertReviewReminders, listAnswerRows, reviewsDueForReminder, unremindedReviewUserIds } from "./review-repo.js";

/** How many business days before a minutes review's deadline the organisations that have not answered are reminded. */
const REVIEW_REMINDER_BUSINESS_DAYS = 2;

/**
 * Reminds, once per person and review, the people of the organisations asked to review draft minutes that
 * have not finished (「修正なし」 or 「提案を送信して完了」) when the deadline is near. Returns how many people.
 */
export async function sendReviewReminders(ctx: Ctx, now = new Date()): Promise<number> {
  const until = jstDayEnd(addBusinessDays(jstDate(now), REVIEW_REMINDER_BUSINESS_DAYS)).toISOString();
  let sent = 0;
  for (const r of await reviewsDueForReminder(ctx, now.toISOString(), until)) {
    sent += await inTx(ctx, async (tx) => {
      const answered = new Set((await listAnswerRows(tx, r.id)).map((a) => a.org_id));
      const orgIds = (JSON.parse(r.org_ids) as string[]).filter((id) => !answered.has(id));
      const people = await unremindedReviewUserIds(tx, r.id, orgIds);
      if (!people.length) return 0;
      await insertReviewReminders(tx, r.id, people, nowIso());
      const name = meetingName(r, r.body_name);
      const deadline = warekiDateTime(r.deadline);
      await notify(tx, {
        userIds: people,
        category: "meeting",
        title: `議事録（案）の確認をお願いします：${name}`,
        body: `確認の期限：${deadline}\n貴団体の発言箇所を御確認のうえ、「修正なし」又は「提案を送信して完了」を選んでください。`,
        link: `/meetings/${r.meeting_id}/minutes/review`,
        mail: {
          template: "minutesReview.reminder",
          vars: { 会議名: name, 開催日: warekiWithWeekday(jstDate(r.starts_at)), 期限: deadline },
        },
      });
      await recordAudit(tx, "minutesReview.remind", { type: "meeting", id: r.meeting_id }, { reviewId: r.id, userIds: people });
      return people.length;
    });
  }
  return sent;
}

const REVIEW_REMINDER_JOB = "minutesReviews.reminders";
defineJob(REVIEW_REMINDER_JOB, async (ctx) => {
  await sendReviewReminders(ctx);
});
// Every morning at 08:30 Japan time, with the other reminders.
defineRecurring(REVIEW_REMINDER_JOB, (now) => {
  const at = nextJstTime(now, 8, 30);
  return { at, key: jstDate(at) };
});
