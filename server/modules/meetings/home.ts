import { sql } from "kysely";
import type { HomeDue } from "../../../shared/api/home.js";
import { jstToday } from "../../../shared/dates/jst.js";
import { type Ctx, nowIso } from "../../platform/context.js";
import { can } from "../../platform/policy/authorize.js";
import { visibleBodies } from "./meetings.js";
import { meetingName } from "./naming.js";
import { runsBody } from "./policy.js";
import { attendanceOpen, proposalOpen } from "./present.js";

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
  const rows = await ctx.db
    .selectFrom("meetings as m")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .selectAll("m")
    .select("b.name as body_name")
    .where("m.starts_at", ">=", nowIso())
    .where("m.status", "in", ["draft", "announced"])
    .where("m.body_id", "in", ids)
    .orderBy("m.starts_at")
    .limit(upcomingLimit * 3)
    .execute();
  return rows
    .filter((r) => r.status === "announced" || proposalOpen(r) || runsBody(ctx.actor!, bodies.get(r.body_id)!.subject))
    .slice(0, upcomingLimit);
}

async function myAnswers(ctx: Ctx, meetingIds: string[]) {
  if (!meetingIds.length || !ctx.actor) return new Map<string, "in_person" | "online" | "absent">();
  const rows = await ctx.db
    .selectFrom("meeting_attendance")
    .select(["meeting_id", "mode"])
    .where("meeting_id", "in", meetingIds)
    .where("org_id", "=", ctx.actor.orgId)
    .where("mode", "is not", null)
    .execute();
  return new Map(rows.map((r) => [r.meeting_id, r.mode!]));
}

async function secretariatDue(ctx: Ctx, bodies: Bodies, upcoming: Awaited<ReturnType<typeof upcomingRows>>) {
  const bodyIds = [...bodies.keys()];
  const proposals = !bodyIds.length
    ? []
    : await ctx.db
        .selectFrom("agenda_items as a")
        .innerJoin("meetings as m", "m.id", "a.meeting_id")
        .innerJoin("bodies as b", "b.id", "m.body_id")
        .leftJoin("orgs as o", "o.id", "a.proposer_org_id")
        .select(["a.id", "a.title", "a.created_at", "a.proposer_org_id", "o.name as org_name", "b.name as body_name"])
        .select(["m.id as meeting_id", "m.fiscal_year", "m.seq", "m.subtitle"])
        .where("a.body_id", "in", bodyIds)
        .where("a.status", "=", "proposed")
        .where("m.status", "in", ["draft", "announced"])
        .orderBy("a.created_at")
        .limit(20)
        .execute();

  const announced = upcoming.filter((r) => r.status === "announced");
  const answered = announced.length
    ? await ctx.db
        .selectFrom("meeting_attendance")
        .select(["meeting_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where(
          "meeting_id",
          "in",
          announced.map((r) => r.id),
        )
        .where("mode", "is not", null)
        .groupBy("meeting_id")
        .execute()
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

  const overdue = await ctx.db
    .selectFrom("action_items as a")
    .innerJoin("orgs as o", "o.id", "a.owner_org_id")
    .select(["o.id", "o.name", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.min("a.due_date").as("oldest")])
    .where("a.status", "in", ["open", "in_progress"])
    .where("a.due_date", "<", jstToday())
    .groupBy(["o.id", "o.name"])
    .orderBy(sql`count(*)`, "desc")
    .orderBy("o.name")
    .execute();

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
