import type { z } from "zod";
import type { auditQuery } from "../../../shared/api/audit.js";
import { jstDate, jstStamp } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { csvBytes, csvDownload } from "../../platform/files/csv.js";
import type { Download } from "../../platform/files/download.js";
import { type ActionsOf, authorize, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";
import { auditRows } from "./repo.js";

const policies = { "audit.read": runsCouncil } satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

type Query = z.infer<typeof auditQuery>;

export async function listAudit(ctx: Ctx, f: Query) {
  authorize(ctx.actor, "audit.read");
  const { rows, total } = await auditRows(ctx, f);
  return {
    total,
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
export async function exportAuditCsv(ctx: Ctx, f: Query): Promise<Download> {
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
  const header = ["日時（日本時間）", "操作者", "団体", "IPアドレス", "操作", "対象種別", "対象ID", "変更内容"];
  return csvDownload(csvBytes([header, ...rows]), `audit-${jstDate()}.csv`);
}
