import { beforeAll, describe, expect, it } from "vitest";
import { BEHIND_LISTED } from "../../../shared/api/progress-views.js";
import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { actorOf, makeOrg } from "../demo/factories.js";
import { applyProgressUpdates } from "./service.js";
import { progressIds } from "./test-support.js";

/**
 * More municipalities behind plan than the dashboard lists (at national scale nearly all 1,741 can be):
 * it counts them all and lists the most urgent BEHIND_LISTED, in the order of urgency.
 */
let env: TestEnv;
const extra = BEHIND_LISTED + 10;
let item: string;
let first: string;

beforeAll(async () => {
  env = await testEnv();
  const ctx: Ctx = { ...env.ctx, actor: await actorOf(env.ctx, "secretariat@example.jp") };
  const ids = await progressIds(env);
  const programmeId = await ids.prog("standardisation");
  item = (
    await env.database.db
      .selectFrom("progress_items")
      .select("id")
      .where("programme_id", "=", programmeId)
      .orderBy("sort_order")
      .executeTakeFirstOrThrow()
  ).id;
  first = (await ids.steps(item))[0]!;
  // Each new town has one system whose first step was planned for last month and is not done: one overdue item.
  const towns: string[] = [];
  for (let i = 0; i < extra; i++) towns.push(await makeOrg(env.ctx, { name: `遅延町${i + 1}`, kind: "town" }));
  await applyProgressUpdates(
    ctx,
    towns.map((orgId) => ({ orgId, itemId: item, steps: [{ stepId: first, plannedDate: addDays(jstDate(), -30) }] })),
    { source: "manual" },
  );
});

describe("the dashboard's list of municipalities behind plan", () => {
  it("counts every one and lists the most urgent, most overdue items first", async () => {
    const sec = await env.as("secretariat@example.jp");
    const d = (await sec.get("/api/progress/dashboard")).body;
    expect(d.orgs.length).toBeGreaterThan(extra);
    const late = d.orgs.filter((o: { overdueItems: number }) => o.overdueItems > 0);
    expect(late.length).toBeGreaterThan(BEHIND_LISTED);
    expect(d.behindCount).toBeGreaterThanOrEqual(late.length);
    expect(d.behind).toHaveLength(BEHIND_LISTED);
    const overdue = d.behind.map((b: { overdueItems: number }) => b.overdueItems);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    // The demo's towns with several overdue systems come before the new towns with one.
    const most = Math.max(...late.map((o: { overdueItems: number }) => o.overdueItems));
    expect(most).toBeGreaterThan(1);
    expect(d.behind[0].overdueItems).toBe(most);
    expect(d.behind.map((b: { name: string }) => b.name)).toContain("上関町");
  });
});

describe("a municipality's first record of an item", () => {
  it("is saved with its step states in one request (the record is written before the rows that refer to it)", async () => {
    const newTown = await makeOrg(env.ctx, { name: "新設町", kind: "town" });
    const sec = await env.as("secretariat@example.jp");
    const url = `/api/progress/records/${newTown}/${item}`;
    const res = await sec.patch(url, { steps: [{ stepId: first, status: "in_progress", plannedDate: "2030-03-31" }] });
    expect(res.status).toBe(200);
    const step = (await sec.get(url)).body.steps.find((s: { stepId: string }) => s.stepId === first);
    expect(step).toMatchObject({ status: "in_progress", plannedDate: "2030-03-31" });
  });
});
