import type { z } from "zod";
import type { MeetingDetail, nextInput } from "../../../shared/api/meetings.js";
import { fiscalYearAt } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { visibleMeeting } from "./access.js";
import { adoptBacklog } from "./agenda.js";
import { renumber } from "./numbering.js";
import { meetingDetail } from "./present.js";
import { type AgendaRow, insertAgenda, insertMeeting, listAgendaRows, type MeetingRow } from "./repo.js";
import { indexMeeting } from "./search-hook.js";

interface TemplateItem {
  title: string;
  presenter: string;
  durationMinutes: number;
}

/** The standing items: what the secretariat itself put on the agenda (開会、国の動向、閉会 …), not the members' proposals. */
const templateOf = (items: AgendaRow[]): TemplateItem[] =>
  items
    .filter((a) => a.status === "accepted" && !a.proposer_org_id)
    .map((a) => ({ title: a.title, presenter: a.presenter, durationMinutes: a.duration_minutes }));

const DEFAULT_GAP_DAYS = 91; // 13 weeks later, same weekday and time: councils meet about quarterly.

/**
 * "Prepare the next meeting": a draft in the same body, place, kind and time of day, with the standing
 * agenda items copied and the body's deferred items brought along as proposals to decide again.
 */
export async function prepareNext(ctx: Ctx, meetingId: string, input: z.infer<typeof nextInput>): Promise<MeetingDetail> {
  return inTx(ctx, async (tx) => {
    const prev = await visibleMeeting(tx, meetingId);
    authorize(tx.actor, "meeting.manage", prev.subject);
    const p = prev.row;
    const length = Date.parse(p.ends_at) - Date.parse(p.starts_at);
    const startsAt = input.startsAt ? new Date(input.startsAt) : new Date(Date.parse(p.starts_at) + DEFAULT_GAP_DAYS * 86400_000);
    const endsAt = input.endsAt ? new Date(input.endsAt) : new Date(startsAt.getTime() + length);
    if (endsAt <= startsAt)
      throw invalid("終了日時は開始日時より後にしてください。", [{ path: "endsAt", message: "開始日時より後にしてください" }]);
    const template = templateOf(await listAgendaRows(tx, meetingId));
    const now = nowIso();
    const row: MeetingRow = {
      ...p,
      id: newId(),
      fiscal_year: fiscalYearAt(startsAt),
      seq: 0,
      subtitle: null,
      starts_at: startsAt.toISOString(),
      ends_at: endsAt.toISOString(),
      status: "draft",
      proposal_deadline: null,
      attendance_deadline: null,
      cancel_reason: null,
      previous_id: p.id,
      agenda_template: JSON.stringify(template),
      created_by: tx.actor.userId,
      announced_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertMeeting(tx, row);
    await renumber(tx, row.body_id, [row.fiscal_year], row.id);
    for (const [i, t] of template.entries()) {
      await insertAgenda(tx, {
        id: newId(),
        body_id: row.body_id,
        meeting_id: row.id,
        origin_meeting_id: null,
        status: "accepted",
        title: t.title,
        purpose: "",
        presenter: t.presenter,
        minutes_requested: t.durationMinutes,
        duration_minutes: t.durationMinutes,
        position: i + 1,
        proposer_org_id: null,
        proposed_by: tx.actor.userId,
        decision_reason: null,
        decided_by: tx.actor.userId,
        decided_at: now,
        source_ref: null,
        created_at: now,
        updated_at: now,
      });
    }
    await recordAudit(
      tx,
      "meeting.prepareNext",
      { type: "meeting", id: row.id },
      { previousId: p.id, template: template.length },
    );
    await adoptBacklog(tx, row.id, "all");
    const loaded = await visibleMeeting(tx, row.id);
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}
