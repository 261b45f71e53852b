/**
 * The progress module's public face for other modules (a module talks to another only through
 * its service): the one write path, the item list and one municipality's record for an item.
 */
import type { Ctx } from "../../platform/context.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { presentItem } from "./present.js";
import { listItemRows, listMetricRows, listProgrammeRows, listStepRows } from "./repo.js";

export { type ApplyOptions, type ApplyResult, applyProgressUpdates, type ProgressUpdate } from "./updates.js";

/**
 * Every (non-archived) item with its programme, steps and metrics — for linking a support engagement
 * to an item, or mapping a survey's grid onto steps and metrics.
 */
export async function listProgressItems(ctx: Ctx, opts: { programmeId?: string } = {}) {
  authorize(ctx.actor, "progress.read");
  const programmes = (await listProgrammeRows(ctx)).filter((p) => !opts.programmeId || p.id === opts.programmeId);
  const items = await listItemRows(
    ctx,
    programmes.map((p) => p.id),
  );
  const ids = items.map((i) => i.id);
  const [steps, metrics] = await Promise.all([listStepRows(ctx, ids), listMetricRows(ctx, ids)]);
  const names = new Map(programmes.map((p) => [p.id, { id: p.id, code: p.code, name: p.name }]));
  return items.map((i) => ({ ...presentItem(i, steps, metrics), programme: names.get(i.programme_id)! }));
}
