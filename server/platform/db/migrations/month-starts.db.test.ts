import { describe, expect, it } from "vitest";
import { progressIds } from "../../../modules/progress/test-support.js";
import { readOrgTotals } from "../../../modules/progress/totals-repo.js";
import { testEnv } from "../../testing/harness.js";
import * as m0980 from "./0980-progress-month-starts.js";

/**
 * Before migration 0980 a municipality had a day row only on the days its figures changed. The upgrade
 * copies each one's latest row to the first day with rows of every month, which the "as of" totals read
 * from (one range of the month instead of a seek per municipality).
 */
describe("migration 0980: month starts of the history already kept", () => {
  it("makes the as-of totals whole again, and is a no-op the second time", async () => {
    const env = await testEnv();
    const db = env.database.db;
    const ctx = { db, engine: env.database.engine };
    const programmeId = await (await progressIds(env)).prog("standardisation");
    const months = (
      await db
        .selectFrom("progress_org_days")
        .select((eb) => eb.fn.min("day").as("first"))
        .where("programme_id", "=", programmeId)
        .groupBy((eb) => eb.fn("substr", ["day", eb.val(1), eb.val(7)]))
        .orderBy("first")
        .execute()
    ).map((r) => String(r.first));
    expect(months.length).toBeGreaterThanOrEqual(3);
    // Days in the middle of each month: what the totals are with month starts.
    const days = months.slice(1).map((first) => `${first.slice(0, 7)}-20`);
    const sorted = async (day: string) =>
      (await readOrgTotals(ctx, programmeId, day)).sort((a, b) => a.orgId.localeCompare(b.orgId));
    const right = await Promise.all(days.map(sorted));
    expect(right.every((totals) => totals.length > 0)).toBe(true);

    // The day rows as the earlier release kept them: a row that repeats the municipality's previous one
    // (a month start, or a day whose change left the cells as they were) is not there.
    const rows = await db
      .selectFrom("progress_org_days")
      .selectAll()
      .where("programme_id", "=", programmeId)
      .orderBy("org_id")
      .orderBy("day")
      .execute();
    const same = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
      a.org_id === b.org_id && a.cells === b.cells && a.online === b.online && a.dues === b.dues;
    const repeats = rows.filter((r, i) => i > 0 && same(rows[i - 1]!, r));
    expect(repeats.length).toBeGreaterThan(0);
    for (const r of repeats)
      await db
        .deleteFrom("progress_org_days")
        .where("programme_id", "=", programmeId)
        .where("org_id", "=", r.org_id)
        .where("day", "=", r.day)
        .execute();
    const without = await Promise.all(days.map(sorted));
    expect(without).not.toEqual(right);

    await m0980.rebuild(db);
    expect(await Promise.all(days.map(sorted))).toEqual(right);
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("progress_org_days")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const after = await count();
    await m0980.rebuild(db);
    expect(await count()).toBe(after);
  });
});
