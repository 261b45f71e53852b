import { describe, expect, it } from "vitest";
import { progressIds } from "../../../modules/progress/test-support.js";
import { countBefore, expandDues, packDues, readOrgTotals } from "../../../modules/progress/totals-repo.js";
import { testEnv } from "../../testing/harness.js";
import * as m1010 from "./1010-progress-dues-runs.js";

describe("due dates kept as runs (packDues)", () => {
  it("packs repeated dates, counts those before a day, and expands back", () => {
    const dates = ["2026-09-30", "2026-03-31", "2026-03-31", "2025-12-01", "2026-03-31"];
    const packed = packDues(dates);
    expect(packed).toBe("2025-12-01,2026-03-31*3,2026-09-30");
    expect(expandDues(packed)).toEqual([...dates].sort());
    expect(expandDues("")).toEqual([]);
    const days = ["2025-01-01", "2025-12-01", "2025-12-02", "2026-03-31", "2026-04-01", "2026-10-01"];
    expect(days.map((d) => countBefore(packed, d))).toEqual([0, 0, 1, 1, 4, 5]);
    // A list of single dates (as kept before migration 1010) counts the same.
    expect(days.map((d) => countBefore([...dates].sort().join(","), d))).toEqual([0, 0, 1, 1, 4, 5]);
    expect(countBefore("", "2026-01-01")).toBe(0);
    expect(packDues(Array(12).fill("2026-03-31"))).toBe("2026-03-31*12");
  });
});

/**
 * Before migration 1010 each municipality's due dates were kept one per cell. The data step packs the lists
 * already kept, in the current state and in every day row, and the as-of totals stay what they were.
 */
describe("migration 1010: due dates packed as runs", () => {
  it("packs every kept list, keeps the figures as they were, and goes back down", async () => {
    const env = await testEnv();
    const db = env.database.db;
    const ctx = { db, engine: env.database.engine };
    const programmeId = await (await progressIds(env)).prog("standardisation");
    const lists = async () =>
      [
        ...(await db.selectFrom("progress_org_state").select("dues").orderBy("programme_id").orderBy("org_id").execute()),
        ...(await db
          .selectFrom("progress_org_days")
          .select("dues")
          .orderBy("programme_id")
          .orderBy("org_id")
          .orderBy("day")
          .execute()),
      ].map((r) => r.dues);
    const packed = await lists();
    expect(packed.some((d) => d.includes("*"))).toBe(true);
    const first = (await db.selectFrom("progress_org_days").select("day").orderBy("day").executeTakeFirstOrThrow()).day;
    const days = [first, `${first.slice(0, 7)}-28`, "2100-01-01"];
    const overdue = async () =>
      (await Promise.all(days.map((day) => readOrgTotals(ctx, programmeId, day)))).map((totals, i) =>
        totals.map((t) => `${t.orgId}:${countBefore(t.dues, days[i]!)}`).sort(),
      );
    const figures = await overdue();
    expect(figures.flat().some((f) => !f.endsWith(":0"))).toBe(true);

    await m1010.down(db);
    const unpacked = await lists();
    expect(unpacked.some((d) => d.includes("*"))).toBe(false);
    expect(unpacked.map((d) => packDues(expandDues(d)))).toEqual(packed);
    expect(await overdue()).toEqual(figures);

    await m1010.rebuild(db);
    expect(await lists()).toEqual(packed);
    expect(await overdue()).toEqual(figures);
  });
});
