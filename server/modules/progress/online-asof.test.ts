import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DashboardQuery } from "../../../shared/api/progress-views.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { getDashboard } from "./dashboard.js";
import { onlineFigures } from "./online.js";
import { getRecord } from "./records.js";
import { applyProgressUpdates } from "./service.js";
import { backfillStepHistory } from "./step-history-repo.js";
import { onlineProgramme } from "./test-support.js";
import { rebuildProgressTotals } from "./totals-repo.js";

/**
 * The online-procedure figures "as of" a past day (issue 18): each procedure's channel then, from the step
 * history (migration 0930), counted by the same rule as today's (shared/progress/online.ts). The clock moves
 * forward from now (only Date is faked), so every write lands after the seeded history and what the
 * dashboard shows "now" at the end of a day is what its "as of" view of that day must show later.
 */
let env: TestEnv;
let ctx: Ctx;
let programmeId: string;
let items: string[];
let stepOf: Map<string, string>;
let clock: number;
let municipalities: string[];
let startDay: string;
let channelEdit: Awaited<ReturnType<typeof onlineProgramme>>["channelEdit"];
let applyChannelEdits: Awaited<ReturnType<typeof onlineProgramme>>["applyChannelEdits"];

const MYNA = "マイナポータル";
const OTHER = "その他の電子申請";

beforeAll(async () => {
  env = await testEnv();
  ({ programmeId, items, stepOf, municipalities, ctx, channelEdit, applyChannelEdits } = await onlineProgramme(env));
  clock = Date.now();
  startDay = jstDate();
  vi.useFakeTimers({ toFake: ["Date"], now: clock });
});
afterAll(() => {
  vi.useRealTimers();
});

/** Moves the clock by `hours` and a second: two writes of one step never share an instant (history order is by time). */
const nextDay = (hours = 24) => {
  clock += hours * 3_600_000 + 1000;
  vi.setSystemTime(clock);
};
/** The dashboard computed afresh (inside a transaction nothing is cached): the clock only moves for Date. */
const online = async (q: Omit<DashboardQuery, "programmeId"> = {}) =>
  (await inTx(ctx, (tx) => getDashboard(tx, { programmeId, ...q }))).online;
const setChannel = (orgId: string, itemIds: string[], step: { status?: "done" | "in_progress"; option: string | null }) =>
  applyProgressUpdates(
    ctx,
    itemIds.map((itemId) => ({ orgId, itemId, steps: [{ stepId: stepOf.get(itemId)!, ...step }] })),
    { source: "manual" },
  );

describe("online procedures as of a past day", () => {
  it("a procedure via マイナポータル on day A counts nationally then; moved to another system on day B, only in the broad figure", async () => {
    const abu = env.demo.orgs.阿武町!;
    const day0 = jstDate();
    const before = await online();
    expect(before).not.toBeNull();

    nextDay();
    const dayA = jstDate();
    await setChannel(abu, items, { status: "done", option: MYNA });
    const nowA = await online();
    nextDay();
    const dayB = jstDate();
    await setChannel(abu, [items[0]!], { option: OTHER });
    const nowB = await online();
    nextDay();

    // 阿武町 alone: complete by the national definition on day A; on day B only through any channel.
    expect(await onlineFigures(ctx, items, [abu], dayA)).toEqual({
      counted: 1,
      noData: 0,
      national: { complete: 1, pct: 100 },
      broad: { complete: 1, pct: 100 },
    });
    expect(await onlineFigures(ctx, items, [abu], dayB)).toEqual({
      counted: 1,
      noData: 0,
      national: { complete: 0, pct: 0 },
      broad: { complete: 1, pct: 100 },
    });
    // The whole dashboard as of each day is what it showed at the end of that day.
    const asA = await online({ asOf: dayA });
    const asB = await online({ asOf: dayB });
    expect(asA).toEqual(nowA);
    expect(asB).toEqual(nowB);
    expect(await online({ asOf: day0 })).toEqual(before);
    expect(asA!.national.complete).toBe(asB!.national.complete + 1);
    expect(asA!.broad.complete).toBe(asB!.broad.complete);
    // The record page rewinds the same record from its history's changes: the same channel each day.
    const optionOn = async (day: string) => (await getRecord(ctx, abu, items[0]!, { asOf: day })).steps[0]!.option;
    expect([await optionOn(dayA), await optionOn(dayB)]).toEqual([MYNA, OTHER]);
    // Over HTTP, through the response contract, as the web page reads it.
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.get(`/api/progress/dashboard?programmeId=${programmeId}&asOf=${dayA}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: dayA, online: nowA });
  });

  it("as of any past day equals what the dashboard showed at the end of that day (property)", async () => {
    const orgs = (
      await env.database.db
        .selectFrom("orgs")
        .select("id")
        .where("id", "in", Object.values(env.demo.orgs))
        .where("kind", "in", ["city", "town", "village"])
        .orderBy("lg_code")
        .execute()
    )
      .map((o) => o.id)
      .slice(0, 6);
    // Hours to the next batch: the same day, the next, or weeks later (a new month).
    const gap = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 20, max: 30 }), fc.integer({ min: 200, max: 900 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(gap, fc.array(channelEdit(orgs.length), { minLength: 1, maxLength: 6 })), {
          minLength: 1,
          maxLength: 6,
        }),
        async (batches) => {
          const shown = new Map<string, Awaited<ReturnType<typeof online>>>();
          for (const [hours, edits] of batches) {
            nextDay(hours);
            await applyChannelEdits(orgs, edits);
            shown.set(jstDate(), await online());
          }
          nextDay();
          for (const [day, figures] of shown) {
            expect(await online({ asOf: day }), day).toEqual(figures);
            // The dashboard reads the counts kept for that day; counted from the step history they are the same.
            expect(await onlineFigures(ctx, items, municipalities, day), day).toEqual(figures);
          }
        },
      ),
      { numRuns: 8, endOnFailure: true },
    );
  }, 240_000);

  it("a replay of the history (rebuildProgressTotals) keeps the same counts, now and for each day, as the writes kept", async () => {
    const kept = () =>
      Promise.all([
        env.database.db
          .selectFrom("progress_org_state")
          .select(["org_id", "online"])
          .where("programme_id", "=", programmeId)
          .orderBy("org_id")
          .execute(),
        env.database.db
          .selectFrom("progress_org_days")
          .select(["org_id", "day", "online"])
          .where("programme_id", "=", programmeId)
          .orderBy("org_id")
          .orderBy("day")
          .execute(),
      ]);
    const [state, days] = await kept();
    expect(days.filter((d) => d.day > startDay).length).toBeGreaterThan(2); // the days written by the tests above
    expect(state.every((r) => r.online?.match(/^[0-9a-f]{16}:\d+:\d+:\d+$/))).toBe(true);
    await rebuildProgressTotals({ db: env.database.db }, programmeId);
    expect(await kept()).toEqual([state, days]);
  });

  it("the migration's backfill (0930) rebuilds from the records' history exactly what the writes recorded", async () => {
    // After the seed (back-dated timelines) and the edits above (the one write path).
    const db = env.database.db;
    const all = () =>
      db.selectFrom("progress_step_history").selectAll().orderBy("record_id").orderBy("step_id").orderBy("at").execute();
    const written = await all();
    expect(written.length).toBeGreaterThan(100);
    await db.deleteFrom("progress_step_history").execute();
    expect(await backfillStepHistory({ db })).toBe(written.length);
    expect(await all()).toEqual(written);
  });
});
