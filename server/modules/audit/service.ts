import type { z } from "zod";
import type { auditQuery } from "../../../shared/api/audit.js";
import { jstDayEnd, jstDayStart, jstStamp } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { type CsvFile, csvBytes } from "../../platform/files/csv.js";
import { authorize, definePolicies } from "../../platform/policy/authorize.js";

definePolicies({ "audit.read": (a) => a.role === "admin" || a.role === "secretariat" });

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

export async function listAudit(ctx: Ctx, f: Query) {
  authorize(ctx.actor, "audit.read");
  const base = filtered(ctx, f);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll("a")
    .select(["u.name as user_name", "o.name as org_name"])
    .orderBy("a.seq", "desc")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor_user_id ? { id: r.actor_user_id, name: r.user_name ?? "" } : null,
      orgName: r.org_name,
      ip: r.ip,
      userAgent: r.user_agent,
      event: r.event,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      changes: r.changes ? JSON.parse(r.changes) : null,
    })),
  };
}

const jstSeconds = (iso: string) => jstStamp(iso, true);

/** CSV with BOM for Excel, newest first, up to 100,000 rows of the filter; times in Japan time. */
export async function exportAuditCsv(ctx: Ctx, f: Query): Promise<CsvFile> {
  const { items } = await listAudit(ctx, { ...f, limit: 100_000 as never, offset: 0 });
  const rows = items.map((i) => [
    jstSeconds(i.at),
    i.actor?.name ?? "",
    i.orgName ?? "",
    i.ip ?? "",
    i.event,
    i.subjectType,
    i.subjectId ?? "",
    i.changes ? JSON.stringify(i.changes) : "",
  ]);
  return csvBytes([["日時（日本時間）", "操作者", "団体", "IPアドレス", "操作", "対象種別", "対象ID", "変更内容"], ...rows]);
}
