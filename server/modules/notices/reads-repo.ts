import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";

const municipalKinds = ["city", "town", "village"] as const;

/**
 * The organisations a notice is meant for: every municipality, or for a body's notice the
 * municipalities that are current members of the body. They are notified and their reading tracked.
 */
export async function audienceOrgs(ctx: Ctx, bodyId: string | null) {
  let q = ctx.db.selectFrom("orgs as o").select(["o.id", "o.name"]).where("o.kind", "in", municipalKinds);
  if (bodyId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("body_members as m")
          .select("m.id")
          .whereRef("m.org_id", "=", "o.id")
          .where("m.body_id", "=", bodyId)
          .where((m) => m.or([m("m.term_end", "is", null), m("m.term_end", ">=", jstDate())])),
      ),
    );
  return q.orderBy("o.lg_code").execute();
}

/** Active users of the audience organisations, with when each read the notice (null = not yet). */
export async function audienceReads(ctx: Ctx, noticeId: string, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return ctx.db
    .selectFrom("users as u")
    .leftJoin("notice_reads as r", (j) => j.onRef("r.user_id", "=", "u.id").on("r.notice_id", "=", noticeId))
    .select(["u.id", "u.name", "u.org_id", "r.read_at"])
    .where("u.org_id", "in", orgIds)
    .where("u.status", "=", "active")
    .orderBy("u.name")
    .execute();
}

/** Reads by anyone of the organisation count, even by a user who has since left the audience list. */
export async function firstReadByOrg(ctx: Ctx, noticeId: string) {
  const rows = await ctx.db
    .selectFrom("notice_reads")
    .select(["org_id", (eb) => eb.fn.min<string>("read_at").as("first")])
    .where("notice_id", "=", noticeId)
    .groupBy("org_id")
    .execute();
  return new Map(rows.map((r) => [r.org_id, r.first]));
}

/** When the user read the notice, if they have. */
export const findRead = (ctx: Ctx, noticeId: string, userId: string) =>
  ctx.db
    .selectFrom("notice_reads")
    .select("read_at")
    .where("notice_id", "=", noticeId)
    .where("user_id", "=", userId)
    .executeTakeFirst();

/** Records a read once; reading again keeps the first time. */
export async function insertRead(ctx: Ctx, row: { notice_id: string; user_id: string; org_id: string; read_at: string }) {
  await ctx.db
    .insertInto("notice_reads")
    .values(row)
    .onConflict((oc) => oc.columns(["notice_id", "user_id"]).doNothing())
    .execute();
}
