import { defaultSettings, type Settings } from "../../../shared/api/settings.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { cachedReference } from "../../platform/db/versioned-cache.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { settingRows, upsertSetting } from "./repo.js";

/** Settings are a small key/value table over typed defaults, kept in memory until one changes. */
export async function getSettings(ctx: Ctx): Promise<Settings> {
  return { ...(await cachedReference(ctx, "settings", "", readSettings)) };
}

async function readSettings(ctx: Ctx): Promise<Settings> {
  const rows = await settingRows(ctx);
  const out: Settings = { ...defaultSettings };
  for (const r of rows) {
    if (r.key in out) (out as Record<string, unknown>)[r.key] = JSON.parse(r.value);
  }
  return out;
}

export async function updateSettings(ctx: Ctx, patch: Partial<Settings>): Promise<Settings> {
  authorize(ctx.actor, "settings.update");
  return inTx(ctx, async (tx) => {
    const before = await getSettings(tx);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      await upsertSetting(tx, key, JSON.stringify(value));
    }
    const after = await getSettings(tx);
    await recordAudit(tx, "settings.update", { type: "settings", id: null }, { before, after });
    return after;
  });
}
