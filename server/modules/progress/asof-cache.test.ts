import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { type Ctx, nowIso } from "../../platform/context.js";
import { cacheVersion } from "../../platform/db/versioned-cache.js";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { actorOf } from "../demo/factories.js";
import { getDashboard, getMatrix } from "./dashboard.js";
import { progressIds } from "./test-support.js";

/**
 * "As of" views of an earlier month are kept while the past is unchanged (migration 0921): today's
 * edits leave them valid, a back-dated write or a definition change computes them anew — and a kept
 * view is always what a fresh computation gives.
 */
let env: TestEnv;
let ctx: Ctx;
const asOf = addDays(jstDate(), -45);

beforeAll(async () => {
  env = await testEnv();
  ctx = { ...env.ctx, actor: await actorOf(env.ctx, "secretariat@example.jp") };
});

/** The same view computed afresh (inside a transaction nothing is cached). */
const fresh = () => env.database.db.transaction().execute((tx) => getDashboard({ ...ctx, db: tx }, { asOf }));
const counters = async () => ({ past: await cacheVersion(ctx, "progress_past"), now: await cacheVersion(ctx, "progress") });

describe("the as-of dashboard of an earlier month", () => {
  it("is kept across today's edits, and equals a fresh computation", async () => {
    const first = await getDashboard(ctx, { asOf });
    expect(first.asOf).toBe(asOf);
    expect(first.overall).not.toBeNull();
    const matrix = await getMatrix(ctx, { asOf });
    const ids = await progressIds(env);
    const koseki = await ids.item("standardisation", "19");
    const before = await counters();
    const abu = await env.as("abu@example.jp");
    const rec = (await abu.get(`/api/progress/records/${env.demo.orgs.阿武町}/${koseki}`)).body;
    const open = rec.steps.findIndex((s: { status: string }) => s.status !== "done");
    const res = await abu.patch(`/api/progress/records/${env.demo.orgs.阿武町}/${koseki}`, {
      steps: [{ stepId: rec.steps[open].stepId, status: "done", actualDate: jstDate() }],
      expectedVersion: rec.version,
    });
    expect(res.status).toBe(200);
    const after = await counters();
    expect(after.now).toBeGreaterThan(before.now);
    expect(after.past).toBe(before.past);
    expect(await getDashboard(ctx, { asOf })).toBe(first); // kept, not computed again
    expect(await getMatrix(ctx, { asOf })).toBe(matrix);
    expect(await fresh()).toEqual(first);
  });

  it("is computed anew after a back-dated write or a definition change", async () => {
    const first = await getDashboard(ctx, { asOf });
    const db = env.database.db;
    const past = await cacheVersion(ctx, "progress_past");
    // A back-dated correction of one municipality's figures on a day before asOf.
    const row = await db
      .selectFrom("progress_org_days")
      .select(["programme_id", "org_id", "day", "pct_sum", "pct_n"])
      .where("day", "<=", asOf)
      .where("pct_n", ">", 0)
      .orderBy("day", "desc")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("progress_org_days")
      .set({ pct_sum: 0 })
      .where("programme_id", "=", row.programme_id)
      .where("org_id", "=", row.org_id)
      .where("day", "=", row.day)
      .execute();
    expect(await cacheVersion(ctx, "progress_past")).toBeGreaterThan(past);
    const second = await getDashboard(ctx, { asOf });
    expect(second).not.toBe(first);
    expect(second).toEqual(await fresh());
    // An item renamed: the past view shows the new name.
    const item = first.items[0]!;
    await db.updateTable("progress_items").set({ name: "改称した項目" }).where("id", "=", item.id).execute();
    expect((await getDashboard(ctx, { asOf })).items[0]!.name).toBe("改称した項目");
  });

  it("is computed anew after a step's channel of an earlier day is corrected, not after one of today (0930)", async () => {
    const ids = await progressIds(env);
    const programmeId = await ids.prog("online-procedures");
    const itemId = await ids.item("online-procedures", "01");
    const [stepId] = await ids.steps(itemId);
    const db = env.database.db;
    const record = await db
      .selectFrom("progress_records")
      .select("id")
      .where("org_id", "=", env.demo.orgs.阿武町!)
      .where("item_id", "=", itemId)
      .executeTakeFirstOrThrow();
    const q = { programmeId, asOf };
    const first = await getDashboard(ctx, q);
    expect(first.online).not.toBeNull();
    const row = { record_id: record.id, step_id: stepId!, status: "done" as const, option: "その他の電子申請" };
    const past = await cacheVersion(ctx, "progress_past");
    await db
      .insertInto("progress_step_history")
      .values({ ...row, at: nowIso() })
      .execute();
    expect(await cacheVersion(ctx, "progress_past")).toBe(past);
    expect(await getDashboard(ctx, q)).toBe(first);
    // A correction dated before asOf (as a repair by SQL or another instance would write it).
    await db
      .insertInto("progress_step_history")
      .values({ ...row, at: new Date(Date.parse(`${asOf}T00:00:00+09:00`) - 86_400_000).toISOString() })
      .execute();
    expect(await cacheVersion(ctx, "progress_past")).toBeGreaterThan(past);
    const second = await getDashboard(ctx, q);
    expect(second).not.toBe(first);
    expect(second).toEqual(await env.database.db.transaction().execute((tx) => getDashboard({ ...ctx, db: tx }, q)));
  });

  it("of earlier this month follows every edit (its trend ends with this month)", async () => {
    const early = `${jstDate().slice(0, 8)}01`; // today itself on the 1st: a view of now, which follows every edit too
    const first = await getDashboard(ctx, { asOf: early });
    await env.database.db.updateTable("cache_versions").set({ version: 1e6 }).where("key", "=", "progress").execute();
    expect(await getDashboard(ctx, { asOf: early })).not.toBe(first);
  });
});
