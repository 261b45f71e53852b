import type { Ctx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";

/**
 * Links from an engagement to progress items. The progress module (migration 0200) was not on
 * main when this was written, so links are refused with a clear message and the UI hides the picker.
 * Once it lands, validate ids against progress_items and present each item's name and the
 * municipality's percentage here; nothing else in this module needs to change.
 */
export const progressAvailable = false;

export async function checkProgressItems(_ctx: Ctx, ids: string[]): Promise<void> {
  if (ids.length && !progressAvailable)
    throw invalid("取組状況の項目はまだ連携できません。", [
      { path: "progressItemIds", message: "取組状況の機能が有効になってから選んでください" },
    ]);
}

export async function presentProgressItems(_ctx: Ctx, _orgId: string, ids: string[]) {
  return ids.map((id) => ({ id, name: "", programme: "", pct: null as number | null })).filter(() => progressAvailable);
}
