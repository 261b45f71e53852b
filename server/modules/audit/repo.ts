import type { z } from "zod";
import type { auditQuery } from "../../../shared/api/audit.js";
import { jstDayEnd, jstDayStart } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { pageTotal } from "../../platform/db/page-total.js";

type Query = z.infer<typeof auditQuery>;

function filtered(ctx: Ctx, f: Query) {
  let q = ctx.db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .leftJoin("orgs as o", "o.id", "a.actor_org_id");
  if (f.actorUserId) q = q.where("a.actor_user_id", "=", f.actorUserId);
  if (f.orgId) q = q.where("a.actor_org_id", "=", f.orgId);
  if (f.event) q = q.where("a.event", "like", `${f.event}%`);
  if (f.subjectType) q = q.where("a.subject_type", "=", f.subjectType);
  if (f.subjectId) q = q.where("a.subject_id", "=", f.subjectId);
  // Days are Japan days: from 00:00 JST of `from` to 00:00 JST of the day after `to`.
  if (f.from) q = q.where("a.at", ">=", jstDayStart(f.from).toISOString());
  if (f.to) q = q.where("a.at", "<", jstDayEnd(f.to).toISOString());
  return q;
}

/** One page of audit rows (newest first) with the actor's and organisation's names, and the count of the filter. */
export async function auditRows(ctx: Ctx, f: Query) {
  const base = filtered(ctx, f);
  const rows = await base
    .selectAll("a")
    .select(["u.name as user_name", "o.name as org_name"])
    .orderBy("a.seq", "desc")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await pageTotal(rows, f, () => base);
  return { rows, total };
}
