import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import { cachedRead } from "../../platform/db/versioned-cache.js";
import type {
  SupportCommentsTable,
  SupportEngagementsTable,
  SupportNextStepsTable,
  SupportSessionsTable,
  SupportTimeEntriesTable,
} from "./tables.js";

export type EngagementRow = SupportEngagementsTable;

const base = (ctx: Ctx) =>
  ctx.db
    .selectFrom("support_engagements as e")
    .innerJoin("orgs as o", "o.id", "e.org_id")
    .selectAll("e")
    .select("o.name as org_name");
export type EngagementWithOrg = EngagementRow & { org_name: string };

export const findEngagement = (ctx: Ctx, id: string): Promise<EngagementWithOrg | undefined> =>
  base(ctx).where("e.id", "=", id).executeTakeFirst();

export function listEngagementRows(ctx: Ctx, f: { orgId?: string; specialistId?: string; status?: EngagementRow["status"] }) {
  let q = base(ctx);
  if (f.orgId) q = q.where("e.org_id", "=", f.orgId);
  if (f.status) q = q.where("e.status", "=", f.status);
  if (f.specialistId)
    q = q.where("e.id", "in", (eb) =>
      eb.selectFrom("support_specialists").select("engagement_id").where("user_id", "=", f.specialistId!),
    );
  return q.orderBy("e.status").orderBy("e.start_date", "desc").orderBy("e.id").execute();
}

export const specialistsOf = (ctx: Ctx, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : ctx.db
        .selectFrom("support_specialists as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select(["s.engagement_id", "u.id", "u.name"])
        .where("s.engagement_id", "in", ids)
        .orderBy("u.name")
        .execute();

export const sessionStats = (ctx: Ctx, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : ctx.db
        .selectFrom("support_sessions")
        .select(["engagement_id", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.max("date").as("last")])
        .where("engagement_id", "in", ids)
        .groupBy("engagement_id")
        .execute();

export const openStepStats = (ctx: Ctx, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : ctx.db
        .selectFrom("support_next_steps")
        .select(["engagement_id", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.min("due_date").as("next_due")])
        .where("engagement_id", "in", ids)
        .where("done_at", "is", null)
        .groupBy("engagement_id")
        .execute();

export const sessionsOf = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom("support_sessions as s")
    .leftJoin("users as u", "u.id", "s.created_by")
    .selectAll("s")
    .select("u.name as creator_name")
    .where("s.engagement_id", "=", id)
    .orderBy("s.date", "desc")
    .orderBy("s.created_at", "desc")
    .execute();

export const stepsOf = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom("support_next_steps")
    .selectAll()
    .where("engagement_id", "=", id)
    .orderBy("done_at")
    .orderBy("due_date")
    .orderBy("created_at")
    .execute();

export const commentsOf = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom("support_comments as c")
    .leftJoin("users as u", "u.id", "c.author_id")
    .leftJoin("orgs as o", "o.id", "u.org_id")
    .selectAll("c")
    .select(["u.name as author_name", "o.name as author_org"])
    .where("c.engagement_id", "=", id)
    .orderBy("c.created_at")
    .execute();

export async function insertEngagement(ctx: Ctx, row: EngagementRow) {
  await ctx.db.insertInto("support_engagements").values(row).execute();
}

export async function updateEngagementRow(ctx: Ctx, id: string, patch: Partial<EngagementRow>) {
  await ctx.db.updateTable("support_engagements").set(patch).where("id", "=", id).execute();
}

export async function insertSession(ctx: Ctx, row: SupportSessionsTable) {
  await ctx.db.insertInto("support_sessions").values(row).execute();
}

export async function insertNextStep(ctx: Ctx, row: SupportNextStepsTable) {
  await ctx.db.insertInto("support_next_steps").values(row).execute();
}

export const findNextStep = (ctx: Ctx, engagementId: string, stepId: string) =>
  ctx.db
    .selectFrom("support_next_steps")
    .selectAll()
    .where("id", "=", stepId)
    .where("engagement_id", "=", engagementId)
    .executeTakeFirst();

export async function updateNextStepRow(ctx: Ctx, id: string, patch: Partial<SupportNextStepsTable>) {
  await ctx.db.updateTable("support_next_steps").set(patch).where("id", "=", id).execute();
}

export async function insertComment(ctx: Ctx, row: SupportCommentsTable) {
  await ctx.db.insertInto("support_comments").values(row).execute();
}

export async function specialistIdsOf(ctx: Ctx, engagementId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("support_specialists")
    .select("user_id")
    .where("engagement_id", "=", engagementId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** The open next steps of the engagements a specialist works on, dated ones first (support_specialists_user, support_next_steps_e). */
const openSteps = preparedQuery((db, p: { userId: string; limit: number }) =>
  db
    .selectFrom("support_specialists as s")
    .innerJoin("support_engagements as e", "e.id", "s.engagement_id")
    .innerJoin("support_next_steps as n", "n.engagement_id", "s.engagement_id")
    .innerJoin("orgs as o", "o.id", "e.org_id")
    .select([
      "n.id",
      "n.title",
      "n.owner",
      "n.due_date",
      "e.id as engagement_id",
      "e.theme",
      "o.id as org_id",
      "o.name as org_name",
    ])
    .where("s.user_id", "=", p.userId)
    .where("e.status", "in", ["planned", "active"])
    .where("n.done_at", "is", null)
    .orderBy(sql`case when n.due_date is null then 1 else 0 end`)
    .orderBy("n.due_date")
    .orderBy("n.created_at")
    .limit(p.limit),
);
export const openStepsOfSpecialist = (ctx: Ctx, userId: string, limit: number) =>
  cachedRead(
    ctx,
    ["support_specialists", "support_engagements", "support_next_steps", "orgs"],
    JSON.stringify([userId, limit]),
    () => openSteps(ctx.db, ctx.engine, { userId, limit }),
    { personal: true },
  );

/** Engagements under way (planned or active) per specialist. */
export const activeEngagementsPerSpecialist = (ctx: Ctx) =>
  ctx.db
    .selectFrom("support_specialists as s")
    .innerJoin("support_engagements as e", "e.id", "s.engagement_id")
    .select(["s.user_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("e.status", "in", ["planned", "active"])
    .groupBy("s.user_id")
    .execute();

/** Sessions dated on or after `since`, per author. */
export const sessionsPerAuthorSince = (ctx: Ctx, since: string) =>
  ctx.db
    .selectFrom("support_sessions")
    .select(["created_by as user_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("date", ">=", since)
    .groupBy("created_by")
    .execute();

/** Open next steps per specialist of their engagements; with `dueBefore`, only those due before that date. */
export function openStepsPerSpecialist(ctx: Ctx, dueBefore?: string) {
  let q = ctx.db
    .selectFrom("support_specialists as s")
    .innerJoin("support_next_steps as n", "n.engagement_id", "s.engagement_id")
    .select(["s.user_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("n.done_at", "is", null);
  if (dueBefore !== undefined) q = q.where("n.due_date", "<", dueBefore);
  return q.groupBy("s.user_id").execute();
}

export async function setSpecialists(ctx: Ctx, engagementId: string, userIds: string[]) {
  await ctx.db.deleteFrom("support_specialists").where("engagement_id", "=", engagementId).execute();
  for (const userId of new Set(userIds))
    await ctx.db.insertInto("support_specialists").values({ engagement_id: engagementId, user_id: userId }).execute();
}

/** Engagements that grew out of a desk consultation. */
export const engagementsOfConsultation = (ctx: Ctx, consultationId: string) =>
  ctx.db
    .selectFrom("support_engagements")
    .select(["id", "theme", "status"])
    .where("consultation_id", "=", consultationId)
    .orderBy("created_at")
    .execute();

export async function insertTimeEntry(ctx: Ctx, row: SupportTimeEntriesTable) {
  await ctx.db.insertInto("support_time_entries").values(row).execute();
}

export const findSession = (ctx: Ctx, engagementId: string, sessionId: string) =>
  ctx.db
    .selectFrom("support_sessions")
    .selectAll()
    .where("engagement_id", "=", engagementId)
    .where("id", "=", sessionId)
    .executeTakeFirst();

/** Minutes logged in a month ("YYYY-MM"), per specialist and per town. */
export async function monthlyMinutes(ctx: Ctx, month: string) {
  const inMonth = (q: ReturnType<typeof entries>) => q.where("t.date", ">=", `${month}-01`).where("t.date", "<=", `${month}-31`);
  const entries = () => ctx.db.selectFrom("support_time_entries as t");
  const bySpecialist = await inMonth(entries())
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.user_id as id", "u.name", (eb) => eb.fn.sum<number>("t.minutes").as("minutes")])
    .groupBy(["t.user_id", "u.name"])
    .orderBy("u.name")
    .execute();
  const byOrg = await inMonth(entries())
    .innerJoin("orgs as o", "o.id", "t.org_id")
    .select(["t.org_id as id", "o.name", "o.lg_code", (eb) => eb.fn.sum<number>("t.minutes").as("minutes")])
    .groupBy(["t.org_id", "o.name", "o.lg_code"])
    .orderBy("o.lg_code")
    .execute();
  return { bySpecialist, byOrg };
}
