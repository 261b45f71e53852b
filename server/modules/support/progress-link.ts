import type { Ctx } from "../../platform/context.js";
import { AppError, invalid } from "../../platform/errors.js";
import { getRecord } from "../progress/index.js";

/** Links from an engagement to progress items (the progress module's records of the supported municipality). */
export const progressAvailable = true;

/** Every linked item must exist; an unknown id is a field error, not a 404 of the engagement. */
export async function checkProgressItems(ctx: Ctx, orgId: string, ids: string[]): Promise<void> {
  for (const id of new Set(ids)) {
    try {
      await getRecord(ctx, orgId, id);
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND")
        throw invalid("取組状況の項目が見つかりません。選び直してください。", [
          { path: "progressItemIds", message: "項目を選び直してください" },
        ]);
      throw err;
    }
  }
}

/** Each linked item with its programme and the municipality's current percentage; items since removed are left out. */
export async function presentProgressItems(ctx: Ctx, orgId: string, ids: string[]) {
  const out: { id: string; name: string; programme: string; pct: number | null }[] = [];
  for (const id of ids) {
    try {
      const r = await getRecord(ctx, orgId, id);
      out.push({ id, name: r.item.name, programme: r.programme.name, pct: r.pct });
    } catch (err) {
      if (!(err instanceof AppError && err.code === "NOT_FOUND")) throw err;
    }
  }
  return out;
}
