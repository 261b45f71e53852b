import { describe, expect, it } from "vitest";
import { jstMonth } from "../../../../shared/dates/jst.js";
import { progressIds } from "../../../modules/progress/test-support.js";
import { rebuildProgressTotals } from "../../../modules/progress/totals-repo.js";
import { testEnv } from "../../testing/harness.js";
import * as m0940 from "./0940-metric-pct-rule.js";

/**
 * Before issue 18 a KPI record's figure was read in the latest fiscal year with a value *or a target*, a
 * missing value counting as 0%: entering next year's plan dropped this year's figure to 0%. The upgrade
 * recomputes the records so stored, with the rule of today, and the dashboard's figures follow.
 */
/** 阿武町's hours record after next year's plan is entered, then stored as the earlier release had it. */
async function planStoredUnderOldRule() {
  const env = await testEnv();
  const db = env.database.db;
  const ids = await progressIds(env);
  const rpa = await ids.prog("rpa");
  const hoursItem = await ids.item("rpa", "hours");
  const abuOrg = env.demo.orgs.阿武町!;
  const abu = await env.as("abu@example.jp");
  const record = (await abu.get(`/api/progress/records/${abuOrg}/${hoursItem}`)).body;
  const fy = record.metricFy as number;
  const plan = await abu.patch(`/api/progress/records/${abuOrg}/${hoursItem}`, {
    metrics: [{ metricId: record.item.metrics[0].id, fiscalYear: fy + 1, value: null, target: 99_999 }],
  });
  expect(plan.status).toBe(200);
  const stored = await db.selectFrom("progress_records").selectAll().where("id", "=", record.id).executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ metric_fy: fy });
  const pct = stored.pct!;
  expect(pct).toBeGreaterThan(0);
  const dashboard = async () => {
    const d = (await abu.get(`/api/progress/dashboard?programmeId=${rpa}`)).body;
    return { abu: d.orgs.find((o: { id: string }) => o.id === abuOrg).pct, overall: d.overall, trend: d.trend.at(-1).pct };
  };
  const right = await dashboard();
  // What the earlier release stored after that plan: next year, nothing reported, 0% — in the record, its
  // last history row and the month's rollup; the read models rebuilt from them as the release had them.
  await db
    .updateTable("progress_records")
    .set({ pct: 0, metric_fy: fy + 1 })
    .where("id", "=", record.id)
    .execute();
  const last = await db
    .selectFrom("progress_history")
    .select("id")
    .where("record_id", "=", record.id)
    .orderBy("at", "desc")
    .executeTakeFirstOrThrow();
  await db.updateTable("progress_history").set({ pct: 0 }).where("id", "=", last.id).execute();
  await db
    .updateTable("progress_rollup")
    .set((eb) => ({ pct_sum: eb("pct_sum", "-", pct) }))
    .where("programme_id", "=", rpa)
    .where("org_id", "=", abuOrg)
    .where("month", "=", jstMonth())
    .execute();
  await rebuildProgressTotals({ db }, rpa);
  return { env, db, hoursItem, record, fy, stored, pct, right, dashboard };
}

describe("migration 0940: KPI percentages stored under the old rule are recomputed", () => {
  it("brings back this year's figure a plan had lowered, with history and trend in step, and is a no-op the second time", async () => {
    const { db, hoursItem, record, fy, stored, pct, right, dashboard } = await planStoredUnderOldRule();
    const others = await db
      .selectFrom("progress_records")
      .select(["id", "version"])
      .where("item_id", "=", hoursItem)
      .where("id", "!=", record.id)
      .orderBy("id")
      .execute();

    const wrong = await dashboard();
    expect(wrong.abu).toBeLessThan(right.abu);
    expect(wrong.trend).toBe(wrong.overall);

    await m0940.rebuild(db);

    const after = await db.selectFrom("progress_records").selectAll().where("id", "=", record.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ pct, metric_fy: fy, version: stored.version + 1 });
    const history = await db
      .selectFrom("progress_history")
      .select(["pct", "source"])
      .where("record_id", "=", record.id)
      .orderBy("at", "desc")
      .executeTakeFirstOrThrow();
    expect(history).toEqual({ pct, source: "definition" });
    expect(await dashboard()).toEqual(right);
    // Records already right are left alone, and a second run finds nothing to do.
    const othersAfter = await db
      .selectFrom("progress_records")
      .select(["id", "version"])
      .where("item_id", "=", hoursItem)
      .where("id", "!=", record.id)
      .orderBy("id")
      .execute();
    expect(othersAfter).toEqual(others);
    await m0940.rebuild(db);
    expect(
      (await db.selectFrom("progress_records").select("version").where("id", "=", record.id).executeTakeFirstOrThrow()).version,
    ).toBe(after.version);
  });

  it("leaves an archived item for later: restoring it recomputes it", async () => {
    const { env, db, hoursItem, record, fy, pct, right, dashboard } = await planStoredUnderOldRule();
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.patch(`/api/progress/items/${hoursItem}`, { archived: true })).status).toBe(200);
    await m0940.rebuild(db);
    const row = () =>
      db.selectFrom("progress_records").select(["pct", "metric_fy"]).where("id", "=", record.id).executeTakeFirstOrThrow();
    expect(await row()).toEqual({ pct: 0, metric_fy: fy + 1 });
    expect((await sec.patch(`/api/progress/items/${hoursItem}`, { archived: false })).status).toBe(200);
    expect(await row()).toEqual({ pct, metric_fy: fy });
    expect(await dashboard()).toEqual(right);
  });
});
