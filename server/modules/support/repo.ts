import type { Ctx } from "../../platform/context.js";
import type { SupportEngagementsTable, SupportTimeEntriesTable } from "./tables.js";

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
