import { addBusinessDays } from "../../../shared/dates/calendar.js";
import { warekiDateTime } from "../../../shared/dates/format.js";
import { jstDate, jstDayEnd, nextJstTime } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { defineRecurring } from "../../platform/jobs/recurring.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { listMemberRows } from "../bodies/index.js";
import { notify } from "../notifications/service.js";
import { meetingMailVars } from "./meeting-mail.js";
import { meetingName } from "./naming.js";
import { answeredOrgIds, insertReminders, meetingsDueForReminder, proposingOrgIds, unremindedUserIds } from "./reminders-repo.js";

/** How many business days before the attendance cut-off or the proposal deadline people are reminded. */
const MEETING_REMINDER_BUSINESS_DAYS = 2;

const fullMember = new Set(["chair", "vice_chair", "member"]);

/**
 * Reminds, once per person and meeting, the people of the organisations on a meeting's roll that have not
 * answered its attendance, and the members who have not proposed an item while the proposal deadline is near.
 * Returns how many people were reminded.
 */
export async function sendMeetingReminders(ctx: Ctx, now = new Date()): Promise<number> {
  const until = jstDayEnd(addBusinessDays(jstDate(now), MEETING_REMINDER_BUSINESS_DAYS)).toISOString();
  let sent = 0;
  for (const kind of ["attendance", "proposal"] as const) {
    for (const m of await meetingsDueForReminder(ctx, kind, now.toISOString(), until)) {
      sent += await inTx(ctx, async (tx) => {
        const members = await listMemberRows(tx, [m.body_id]);
        const onRoll = kind === "attendance" ? members : members.filter((x) => fullMember.has(x.position));
        const done = new Set(kind === "attendance" ? await answeredOrgIds(tx, m.id) : await proposingOrgIds(tx, m.id));
        const orgIds = [...new Set(onRoll.map((x) => x.org_id).filter((id): id is string => !!id && !done.has(id)))];
        // Personal members answer through their organisation: they are reminded while it has not answered.
        const userIds = onRoll.filter((x) => x.user_id && !done.has(x.user_org_id ?? "")).map((x) => x.user_id!);
        const people = await unremindedUserIds(tx, m.id, kind, orgIds, userIds);
        if (!people.length) return 0;
        await insertReminders(tx, m.id, kind, people, nowIso());
        const vars = await meetingMailVars(tx, { row: m, body: { name: m.body_name } });
        const name = meetingName(m, m.body_name);
        await notify(
          tx,
          kind === "attendance"
            ? {
                userIds: people,
                category: "meeting",
                title: `出欠の回答をお願いします：${name}`,
                body: `出欠の回答期限：${vars.出欠期限}`,
                link: `/meetings/${m.id}`,
                mail: { template: "meeting.attendanceReminder", vars },
              }
            : {
                userIds: people,
                category: "meeting",
                title: `議題の提案は${warekiDateTime(m.proposal_deadline!)}までです：${name}`,
                body: `提案の締切：${vars.提案期限}\n会議で取り上げたい議題があれば、会議のページから提案してください。`,
                link: `/meetings/${m.id}`,
                mail: { template: "meeting.proposalReminder", vars },
              },
        );
        await recordAudit(tx, `meeting.remind.${kind}`, { type: "meeting", id: m.id }, { userIds: people });
        return people.length;
      });
    }
  }
  return sent;
}

const MEETING_REMINDER_JOB = "meetings.reminders";
defineJob(MEETING_REMINDER_JOB, async (ctx) => {
  await sendMeetingReminders(ctx);
});
// Every morning at 08:30 Japan time, with the other reminders.
defineRecurring(MEETING_REMINDER_JOB, (now) => {
  const at = nextJstTime(now, 8, 30);
  return { at, key: jstDate(at) };
});
