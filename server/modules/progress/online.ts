import {
  channelOf,
  type OnlineChannel,
  type OnlineCompletion,
  offersMynaportal,
  onlineCompletion,
} from "../../../shared/progress/online.js";
import type { Ctx } from "../../platform/context.js";
import { nationalTargetItemIds, readStepStates, readStepStatesAt } from "./online-repo.js";
import { listStepRows, recordKey } from "./repo.js";
import { asOfCutoff } from "./rules.js";

/**
 * A programme's online-procedure figures (shared/progress/online.ts) for the municipalities compared: null
 * when none of its items is an online procedure (no step offers マイナポータル). The target procedures are
 * the items flagged as national targets (progress_items.national_target); a municipality without a record
 * for one has it not online. Now, or "as of" the end of a past day: the same rule over each step's status
 * and option at that moment (progress_step_history), with today's definitions as the other as-of figures.
 */
export async function onlineFigures(
  ctx: Ctx,
  itemIds: string[],
  orgIds: string[],
  asOf: string | null = null,
): Promise<OnlineCompletion | null> {
  const targets = await nationalTargetItemIds(ctx, itemIds);
  const steps = (await listStepRows(ctx, targets)).filter((s) => offersMynaportal(s.options ? JSON.parse(s.options) : null));
  if (!steps.length) return null;
  const procedures = [...new Set(steps.map((s) => s.item_id))];
  const states = new Map<string, OnlineChannel | null>();
  const stepIds = steps.map((s) => s.id);
  const rows = asOf ? await readStepStatesAt(ctx, stepIds, asOfCutoff(asOf)) : await readStepStates(ctx, stepIds);
  for (const r of rows) states.set(recordKey(r.org_id, r.item_id), channelOf(r));
  const channel = (orgId: string, itemId: string) => {
    const c = states.get(recordKey(orgId, itemId));
    return c === undefined ? "none" : c;
  };
  return onlineCompletion(orgIds.map((orgId) => procedures.map((itemId) => channel(orgId, itemId))));
}
