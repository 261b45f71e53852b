import type { HomeDue } from "../../../shared/api/home.js";
import { jstToday } from "../../../shared/dates/jst.js";
import { type Ctx, nowIso } from "../../platform/context.js";
import { can } from "../../platform/policy/authorize.js";
import {
  answeredCounts,
  orgAttendanceAnswers,
  overdueActionsByOrg,
  proposalsToDecide,
  upcomingMeetingRows,
} from "./home-repo.js";
import { visibleBodies } from "./meetings.js";
import { meetingName } from "./naming.js";
import { runsBody } from "./policy.js";
import { attendanceOpen, disclosed, proposalOpen } from "./present.js";

type Bodies = Awaited<ReturnType<typeof visibleBodies>>;
const upcomingLimit = 8;

/**
 * The home page's meeting part: upcoming meetings with my organisation's attendance and the proposal
 * window; for the council secretariat also proposals to decide, unanswered attendance and overdue actions.
 * A handful of queries, each on an index (meetings_starts, meeting_attendance_unique, agenda_items_body_status,
 * action_items_status_due).
 */
export async function meetingsDue(ctx: Ctx): Promise<Pick<HomeDue, "meetings" | "secretariat">> {
  const bodies = await visibleBodies(ctx);
  const rows = await upcomingRows(ctx, bodies);
  const mine = await myAnswers(
    ctx,
    rows.map((r) => r.id),
  );
  const meetings = rows.map((r) => {
    const onRoll = bodies.get(r.body_id)!.subject.orgAttends;
    return {
      id: r.id,
      name: meetingName(r, r.body_name),
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      place: r.place,
      status: r.status as "draft" | "announced",
      proposalDeadline: r.proposal_deadline,
      proposalOpen: proposalOpen(r),
      attendanceDeadline: r.attendance_deadline ?? r.starts_at,
      attendanceOpen: attendanceOpen(r),
      myAttendance: !onRoll || r.status !== "announced" ? null : (mine.get(r.id) ?? ("unanswered" as const)),
    };
  });
  const secretariat = can(ctx.actor, "body.create") ? await secretariatDue(ctx, bodies, rows) : null;
  return { meetings, secretariat };
}

/** Announced meetings to come, and drafts that take proposals (or that I run). */
async function upcomingRows(ctx: Ctx, bodies: Bodies) {
  const ids = [...bodies.keys()];
  if (!ids.length) return [];
  const rows = await upcomingMeetingRows(ctx, ids, nowIso(), upcomingLimit * 3);
  return rows
    .filter((r) => disclosed(ctx.actor, bodies.get(r.body_id)!.subject, r))
    .filter((r) => r.status === "announced" || proposalOpen(r) || runsBody(ctx.actor!, bodies.get(r.body_id)!.subject))
    .slice(0, upcomingLimit);
}

async function myAnswers(ctx: Ctx, meetingIds: string[]) {
  if (!meetingIds.length || !ctx.actor) return new Map<string, "in_person" | "online" | "absent">();
  const rows = await orgAttendanceAnswers(ctx, meetingIds, ctx.actor.orgId);
  return new Map(rows.map((r) => [r.meeting_id, r.mode!]));
}

async function secretariatDue(ctx: Ctx, bodies: Bodies, upcoming: Awaited<ReturnType<typeof upcomingRows>>) {
  const bodyIds = [...bodies.keys()];
  const proposals = !bodyIds.length ? [] : await proposalsToDecide(ctx, bodyIds);

  const announced = upcoming.filter((r) => r.status === "announced");
  const answered = announced.length
    ? await answeredCounts(
        ctx,
        announced.map((r) => r.id),
      )
    : [];
  const answeredBy = new Map(answered.map((r) => [r.meeting_id, Number(r.n)]));
  const attendance = announced
    .map((r) => {
      const total = bodies.get(r.body_id)!.orgCount;
      return {
        meetingId: r.id,
        meetingName: meetingName(r, r.body_name),
        startsAt: r.starts_at,
        unanswered: Math.max(0, total - (answeredBy.get(r.id) ?? 0)),
        total,
      };
    })
    .filter((a) => a.unanswered > 0);

  const overdue = await overdueActionsByOrg(ctx, jstToday());

  return {
    proposals: proposals.map((p) => ({
      id: p.id,
      title: p.title,
      meetingId: p.meeting_id,
      meetingName: meetingName(p, p.body_name),
      org: p.proposer_org_id ? { id: p.proposer_org_id, name: p.org_name ?? "" } : null,
      createdAt: p.created_at,
    })),
    attendance,
    overdueActions: overdue.map((o) => ({ org: { id: o.id, name: o.name }, count: Number(o.n), oldestDue: String(o.oldest) })),
  };
}
