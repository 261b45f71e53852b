import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { indexEntry } from "./index-entry.js";
import { hasRareLongTerm, termPlan } from "./plan.js";

/**
 * Words of three characters or more: a rare one is looked up in an index, a common one found by walking the
 * entries newest first. SQLite decides from its trigram vocabulary (0502); PostgreSQL's planner decides
 * from sampled statistics, which sometimes took a rare word for a common one, so the app rules the walk out
 * for a word whose rarest pair of characters is rare (plan.ts, hasRareLongTerm).
 */
let env: TestEnv;
const entries = 600;

beforeAll(async () => {
  env = await testEnv();
  for (let i = 0; i < entries; i++)
    await indexEntry(env.ctx, {
      kind: "document",
      refId: `lw-${i}`,
      title: `移行計画 ${i}`,
      text: i === 7 ? "鳥獣被害対策の補助金" : `標準化の移行計画 その${i}`,
      date: "2025-06-01",
      link: `/x/${i}`,
      scope: { type: "all" },
    });
  if (env.database.engine === "postgres") await sql`ANALYZE search_entries`.execute(env.database.db);
}, 120_000);

describe("search: a word of three characters or more", () => {
  it("is rare when one entry holds it and common when every entry does", async () => {
    if (env.database.engine === "sqlite") {
      expect((await termPlan(env.ctx, "鳥獣被害")).kind).toBe("index");
      expect((await termPlan(env.ctx, "移行計画")).kind).toBe("scan");
      return;
    }
    expect(await hasRareLongTerm(env.ctx, ["鳥獣被害"])).toBe(true);
    expect(await hasRareLongTerm(env.ctx, ["移行計画"])).toBe(false);
    // One rare word is enough; words under three characters are the pairs index's (0920) and count for nothing here.
    expect(await hasRareLongTerm(env.ctx, ["移行計画", "鳥獣被害"])).toBe(true);
    expect(await hasRareLongTerm(env.ctx, ["鳥獣"])).toBe(false);
  });

  it("finds exactly the entries that hold it, rare or common", async () => {
    const user = await env.as("abu@example.jp");
    const rare = await user.get(`/api/search?q=${encodeURIComponent("鳥獣被害")}&limit=100`);
    expect(rare.status).toBe(200);
    expect((rare.body as { items: { refId: string }[] }).items.map((i) => i.refId)).toEqual(["lw-7"]);
    const common = await user.get(`/api/search?q=${encodeURIComponent("移行計画")}&limit=100`);
    expect(common.status).toBe(200);
    const items = (common.body as { items: { refId: string }[] }).items.filter((i) => i.refId.startsWith("lw-"));
    expect(items).toHaveLength(100);
  });
});
