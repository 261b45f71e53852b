import type { ChildReports } from "../../../shared/api/meetings.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { bodyStandings } from "../bodies/index.js";
import { type LoadedMeeting, visibleMeeting } from "./access.js";
import { newItem, requireOpen } from "./agenda.js";
import { childReportItemRows, heldMeetingRows, lockMeeting, previousMeetingStart } from "./child-reports-repo.js";
import { latestOutcomes } from "./decisions.js";
import { publishedMinutesRows } from "./decisions-repo.js";
import { meetingName } from "./naming.js";
import { insertAgenda, nextAgendaPosition } from "./repo.js";
import { indexMeeting } from "./search-hook.js";

const refOf = (bodyId: string) => `child-report:${bodyId}`;
const day = (iso: string) => warekiDate(jstDate(new Date(iso)));

/**
 * Each child body the actor may see (a members-only body only for its members), with its meetings held since
 * the parent body's previous meeting up to this one and the outcomes of their published minutes.
 */
async function reportsFor(ctx: Ctx, loaded: LoadedMeeting): Promise<ChildReports> {
  const children = (await bodyStandings(ctx)).filter(
    (b) => b.row.parent_id === loaded.row.body_id && can(ctx.actor, "body.read", b.subject),
  );
  const since = await previousMeetingStart(ctx, loaded.row.body_id, loaded.row.starts_at);
  // A meeting 委員限り as a whole stays with the child body, like 委員限り outcomes: not even its name and date.
  const held = (
    await heldMeetingRows(
      ctx,
      children.map((b) => b.row.id),
      { since, fiscalYear: loaded.row.fiscal_year, before: loaded.row.starts_at },
    )
  ).filter((m) => m.disclosure !== "members");
  const ids = held.map((m) => m.id);
  const outcomes = new Map(
    (await latestOutcomes(ctx, await publishedMinutesRows(ctx, [...new Set(held.map((m) => m.body_id))], { meetingIds: ids })))
      // 委員限り outcomes stay with the child body: the report goes onto the parent's agenda, read more widely.
      .filter((o) => o.minutes.minutes_disclosure !== "members")
      .map((o) => [o.minutes.meeting_id, o.outcomes.filter((x) => x.disclosure !== "members")]),
  );
  const items = new Map((await childReportItemRows(ctx, loaded.row.id)).map((r) => [r.source_ref, r.id]));
  return {
    since,
    bodies: children.map((b) => ({
      body: { id: b.row.id, name: b.row.name },
      membersOnly: b.row.visibility === "members",
      meetings: held
        .filter((m) => m.body_id === b.row.id)
        .map((m) => ({
          id: m.id,
          name: meetingName(m, m.body_name),
          heldAt: m.starts_at,
          minutesPublished: outcomes.has(m.id),
          outcomes: outcomes.get(m.id) ?? [],
        })),
      agendaItemId: items.get(refOf(b.row.id)) ?? null,
    })),
  };
}

/** The 部会・WG reports for a meeting the actor may see (404 otherwise). */
export async function childReports(ctx: Ctx, meetingId: string): Promise<ChildReports> {
  authorize(ctx.actor, "decisions.read");
  return reportsFor(ctx, await visibleMeeting(ctx, meetingId));
}

/** The description of a body's report item: each meeting with its date, then its decided outcomes. */
function reportText(r: ChildReports["bodies"][number], since: string | null): string {
  const head = since ? `前回会議（${day(since)}）以降の開催状況` : "本年度の開催状況";
  const blocks = r.meetings.map((m) => {
    const lines = m.minutesPublished
      ? m.outcomes.length
        ? m.outcomes.map((o) => `・${o.agendaTitle}：${o.decision}`)
        : ["・決定事項なし"]
      : ["・議事録は未公開です。"];
    return [`■ ${m.name}（${day(m.heldAt)}）`, ...lines].join("\n");
  });
  return [head, ...blocks].join("\n\n");
}

/**
 * Adds one standing item 「{body}報告」 per child body that met since the parent's previous meeting, with those
 * meetings and outcomes as its description; a body already reported on this agenda, or that did not meet, gets
 * none, so a second call adds nothing. A members-only body gets none either: its outcomes would reach everyone who
 * sees the parent's agenda. Those who may edit the agenda (meeting.manage) may do it while it is open.
 */
export async function addChildReports(ctx: Ctx, meetingId: string): Promise<{ added: number; reports: ChildReports }> {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, meetingId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    requireOpen(loaded);
    // Two clicks at once: the second waits here and then finds the items of the first.
    await lockMeeting(tx, meetingId);
    const reports = await reportsFor(tx, loaded);
    const added: { bodyId: string; itemId: string }[] = [];
    for (const r of reports.bodies) {
      if (r.agendaItemId || !r.meetings.length || r.membersOnly) continue;
      const row = newItem(loaded, {
        title: `${r.body.name}報告`,
        purpose: reportText(r, reports.since),
        presenter: "",
        minutes_requested: 10,
        duration_minutes: 10,
        status: "accepted",
        proposer_org_id: null,
        proposed_by: tx.actor.userId,
        source_ref: refOf(r.body.id),
        position: await nextAgendaPosition(tx, meetingId),
      });
      row.decided_by = tx.actor.userId;
      row.decided_at = row.created_at;
      await insertAgenda(tx, row);
      added.push({ bodyId: r.body.id, itemId: row.id });
    }
    if (!added.length) return { added: 0, reports };
    await recordAudit(tx, "agenda.addChildReports", { type: "meeting", id: meetingId }, { items: added });
    await indexMeeting(tx, loaded);
    return { added: added.length, reports: await reportsFor(tx, loaded) };
  });
}
