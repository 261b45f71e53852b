import { formatDateTime } from "../../../shared/dates/format.js";
import type { Ctx } from "../../platform/context.js";
import { notify } from "../notifications/service.js";
import type { LoadedMeeting } from "./access.js";
import { meetingName } from "./naming.js";
import { proposalOpen } from "./present.js";
import { activeStaff } from "./recipients-repo.js";
import type { MeetingRow } from "./repo.js";

const fullMember = new Set(["chair", "vice_chair", "member"]);

/**
 * The people who decide on a body's proposals: its secretariat members (personally, or the
 * secretariat-role staff of a secretariat organisation); the council secretariat when the body names none.
 */
async function bodySecretariat(ctx: Ctx, loaded: LoadedMeeting): Promise<string[]> {
  const sec = loaded.members.filter((m) => m.position === "secretariat");
  const personal = sec.filter((m) => m.user_id).map((m) => m.user_id!);
  const orgIds = sec.filter((m) => m.org_id).map((m) => m.org_id!);
  if (personal.length && !orgIds.length) return personal;
  const fromOrgs = orgIds.length ? await activeStaff(ctx, ["secretariat", "admin"], orgIds) : [];
  const ids = [...personal, ...fromOrgs.map((r) => r.id)];
  return ids.length ? ids : (await activeStaff(ctx, ["secretariat"])).map((r) => r.id);
}

/** A member organisation proposed an item: the body's secretariat hears of it at once. */
export async function notifyNewProposal(ctx: Ctx, loaded: LoadedMeeting, title: string, orgName: string) {
  const userIds = (await bodySecretariat(ctx, loaded)).filter((id) => id !== ctx.actor?.userId);
  await notify(ctx, {
    userIds,
    category: "meeting",
    title: `議題の提案がありました：${title}`,
    body: `${meetingName(loaded.row, loaded.body.name)}\n提案団体：${orgName}\n採否の判断をお願いします。`,
    link: `/meetings/${loaded.row.id}`,
  });
}

/**
 * Proposals open when a deadline in the future is set on a meeting that did not take proposals before
 * (a new meeting, or a deadline added later): the body's member organisations are told until when.
 */
export async function notifyProposalsOpen(ctx: Ctx, before: MeetingRow | null, loaded: LoadedMeeting) {
  if (!proposalOpen(loaded.row) || (before && proposalOpen(before))) return;
  const members = loaded.members.filter((m) => fullMember.has(m.position));
  await notify(ctx, {
    orgIds: [...new Set(members.filter((m) => m.org_id).map((m) => m.org_id!))],
    userIds: members.filter((m) => m.user_id).map((m) => m.user_id!),
    category: "meeting",
    title: `議題の提案を受け付けています：${meetingName(loaded.row, loaded.body.name)}`,
    body: `提案の締切：${formatDateTime(loaded.row.proposal_deadline)}\n会議で取り上げたい議題があれば、会議のページから提案してください。`,
    link: `/meetings/${loaded.row.id}`,
  });
}
