import type { OrgTimeline } from "../../../shared/api/progress-views.js";
import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { filteredOrgs } from "./dashboard.js";
import { listItemRows, listProgrammeRows, loadItemDefs, loadRecords, recordKey } from "./repo.js";
import { notStarted } from "./rules.js";

/**
 * A municipality's timeline (線表): for every step-tracked item, each step's planned and actual date
 * against the national deadline (the item's own, else the programme's). Metric-tracked items have no steps
 * to place on a line and are left out.
 */
export async function getOrgTimeline(ctx: Ctx, orgId: string): Promise<OrgTimeline> {
  authorize(ctx.actor, "progress.read");
  const org = (await filteredOrgs(ctx, {})).orgs.find((o) => o.id === orgId);
  if (!org) throw notFound("市町村");
  const programmes = await listProgrammeRows(ctx);
  const items = (
    await listItemRows(
      ctx,
      programmes.map((p) => p.id),
    )
  ).filter((i) => i.tracking === "steps");
  const ids = items.map((i) => i.id);
  const [defs, records] = await Promise.all([loadItemDefs(ctx, ids), loadRecords(ctx, ids, [orgId])]);
  return {
    org: { id: org.id, name: org.name },
    programmes: programmes
      .map((p) => ({
        id: p.id,
        name: p.name,
        deadline: p.deadline,
        items: items
          .filter((i) => i.programme_id === p.id)
          .map((i) => {
            const def = defs.get(i.id)!.def;
            const data = records.get(recordKey(orgId, i.id))?.data;
            return {
              id: i.id,
              name: i.name,
              deadline: def.deadline,
              steps: def.steps.map((s) => {
                const st = data?.steps[s.id] ?? notStarted;
                return { name: s.name, status: st.status, plannedDate: st.plannedDate, actualDate: st.actualDate };
              }),
            };
          }),
      }))
      .filter((p) => p.items.length > 0),
  };
}
