import type { MailPreview, MailTemplateText } from "../../../shared/api/mail-templates.js";
import { jstClock, warekiDateTime } from "../../../shared/dates/format.js";
import type { Ctx } from "../../platform/context.js";
import { conflict } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { checkTemplate, loadTemplate, type MailSpec, mailComposer } from "../notifications/index.js";
import { type LoadedMeeting, visibleMeeting } from "./access.js";
import { recipients } from "./meetings.js";
import { meetingName } from "./naming.js";
import { activeMembersWithMode } from "./recipients-repo.js";
import { listAgendaRows, type MeetingRow } from "./repo.js";

/** 「令和8年11月30日（月）14時〜16時」 */
export const meetingWhen = (m: MeetingRow) => `${warekiDateTime(m.starts_at)}〜${jstClock(m.ends_at)}`;

export const meetingPlace = (m: MeetingRow) =>
  [m.place, m.online_url ? `オンライン参加：${m.online_url}` : ""].filter(Boolean).join("\n　　　　") || "追って連絡します";

/** The values the meeting templates offer (開催通知, 変更, 中止). */
export async function meetingMailVars(
  ctx: Ctx,
  loaded: Pick<LoadedMeeting, "row"> & { body: { name: string } },
): Promise<Record<string, string>> {
  const m = loaded.row;
  const agenda = (await listAgendaRows(ctx, m.id))
    .filter((a) => a.status === "accepted")
    .sort((a, b) => a.position - b.position)
    .map((a, i) => `　（${i + 1}）${a.title}`);
  const deadline = m.attendance_deadline ?? m.starts_at;
  return {
    会議名: meetingName(m, loaded.body.name),
    日時: meetingWhen(m),
    場所: meetingPlace(m),
    議題: agenda.join("\n") || "　（追って連絡します）",
    出欠期限: warekiDateTime(deadline),
    提案期限: m.proposal_deadline ? warekiDateTime(m.proposal_deadline) : "",
    説明: m.description,
    リンク: `${ctx.config.publicUrl}/meetings/${m.id}`,
  };
}

/** Who receives the 開催通知 by mail now: active members' users whose meeting notifications are not digest or off. */
async function mailRecipients(ctx: Ctx, loaded: LoadedMeeting) {
  const { orgIds, userIds } = recipients(loaded);
  if (!orgIds.length && !userIds.length) return [];
  const rows = await activeMembersWithMode(ctx, orgIds, userIds);
  return rows.filter((r) => (r.mode ?? "immediate") === "immediate");
}

/** The 開催通知 as it will go out: the recipients and the text (with the first recipient's 宛名), before anything is sent. */
export async function previewAnnouncement(ctx: Ctx, id: string, override?: MailTemplateText): Promise<MailPreview> {
  const loaded = await visibleMeeting(ctx, id);
  authorize(ctx.actor, "meeting.manage", loaded.subject);
  if (loaded.row.status !== "draft") throw conflict("開催通知はこの会議の準備中にだけ出せます。");
  if (override) checkTemplate("meeting.announce", override);
  const spec = await announcementSpec(ctx, loaded, override);
  const compose = await mailComposer(ctx, spec);
  const list = await mailRecipients(ctx, loaded);
  const first = list[0] ?? { name: "（氏名）", orgName: "（団体名）" };
  const mail = compose({ name: first.name, orgName: first.orgName });
  const template = override ?? (await loadTemplate(ctx, "meeting.announce"));
  return {
    subject: mail.subject,
    body: mail.text,
    recipients: list.map((r) => ({ name: r.name, orgName: r.orgName, email: r.email })),
    template: { subject: template.subject, body: template.body },
  };
}

export async function announcementSpec(ctx: Ctx, loaded: LoadedMeeting, override?: MailTemplateText): Promise<MailSpec> {
  return { template: "meeting.announce", vars: await meetingMailVars(ctx, loaded), override };
}
