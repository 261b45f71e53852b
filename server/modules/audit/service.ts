import type { z } from "zod";
import type { auditQuery } from "../../../shared/api/audit.js";
import { toCsv } from "../../../shared/csv.js";
import type { Ctx } from "../../platform/context.js";
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
  if (f.from) q = q.where("a.at", ">=", f.from);
  if (f.to) q = q.where("a.at", "<", nextDay(f.to));
  return q;
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);

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

/** CSV with BOM for Excel, newest first, up to 100,000 rows of the filter. */
export async function exportAuditCsv(ctx: Ctx, f: Query): Promise<string> {
  const { items } = await listAudit(ctx, { ...f, limit: 100_000 as never, offset: 0 });
  const rows = items.map((i) => [
    i.at,
    i.actor?.name ?? "",
    i.orgName ?? "",
    i.ip ?? "",
    i.event,
    i.subjectType,
    i.subjectId ?? "",
    i.changes ? JSON.stringify(i.changes) : "",
  ]);
  return `\uFEFF${toCsv([["日時", "操作者", "団体", "IPアドレス", "操作", "対象種別", "対象ID", "変更内容"], ...rows])}`;
}
