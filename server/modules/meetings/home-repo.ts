import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import { cachedRead, untilPassed } from "../../platform/db/versioned-cache.js";

/** The reads of the home page's meeting part (home.ts); each runs on an index named there. */

/** Meetings of the bodies from `since` on, draft or announced, with their body's name. */
const upcoming = preparedQuery((db, p: { bodyIds: string[]; since: string; limit: number }) =>
  db
    .selectFrom("meetings as m")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .selectAll("m")
    .select("b.name as body_name")
    .where("m.starts_at", ">=", p.since)
    .where("m.status", "in", ["draft", "announced"])
    .where("m.body_id", "in", p.bodyIds)
    .orderBy("m.starts_at")
    .limit(p.limit),
);
/** Kept in memory while meetings and bodies are unchanged and none of the meetings kept has started (cachedRead, untilPassed). */
export const upcomingMeetingRows = (ctx: Ctx, bodyIds: string[], since: string, limit: number) =>
  cachedRead(
    ctx,
    ["meetings", "bodies"],
    JSON.stringify([bodyIds, limit]),
    () => upcoming(ctx.db, ctx.engine, { bodyIds, since, limit }),
    { personal: true, valid: untilPassed(since, (m) => m.starts_at) },
  );

const attendanceAnswers = preparedQuery((db, p: { meetingIds: string[]; orgId: string }) =>
  db
    .selectFrom("meeting_attendance")
    .select(["meeting_id", "mode"])
    .where("meeting_id", "in", p.meetingIds)
    .where("org_id", "=", p.orgId)
    .where("mode", "is not", null),
);
/** An organisation's given attendance answers for the meetings. */
export const orgAttendanceAnswers = (ctx: Ctx, meetingIds: string[], orgId: string) =>
  cachedRead(
    ctx,
    ["meeting_attendance"],
    JSON.stringify([meetingIds, orgId]),
    () => attendanceAnswers(ctx.db, ctx.engine, { meetingIds, orgId }),
    { personal: true },
  );

/** The oldest 20 proposals still to decide in the bodies' open meetings. */
export const proposalsToDecide = (ctx: Ctx, bodyIds: string[]) =>
  ctx.db
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

/** How many attendance answers each meeting has. */
export const answeredCounts = (ctx: Ctx, meetingIds: string[]) =>
  ctx.db
    .selectFrom("meeting_attendance")
    .select(["meeting_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("meeting_id", "in", meetingIds)
    .where("mode", "is not", null)
    .groupBy("meeting_id")
    .execute();

/** Open action items past their due date, counted per owning organisation (most first), with the oldest date. */
export const overdueActionsByOrg = (ctx: Ctx, today: string) =>
  ctx.db
    .selectFrom("action_items as a")
    .innerJoin("orgs as o", "o.id", "a.owner_org_id")
    .select(["o.id", "o.name", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.min("a.due_date").as("oldest")])
    .where("a.status", "in", ["open", "in_progress"])
    .where("a.due_date", "<", today)
    .groupBy(["o.id", "o.name"])
    .orderBy(sql`count(*)`, "desc")
    .orderBy("o.name")
    .execute();
