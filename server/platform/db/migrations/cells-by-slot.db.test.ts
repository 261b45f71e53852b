import { describe, expect, it } from "vitest";
import { progressIds } from "../../../modules/progress/test-support.js";
import { readProgrammeCells } from "../../../modules/progress/totals-repo.js";
import { testEnv } from "../../testing/harness.js";
import * as m1030 from "./1030-progress-cells-by-slot.js";

/**
 * Before migration 1030 each municipality's cells were kept as JSON keyed by item id. `down` writes them back
 * so; the data step numbers the items and writes them by number again, and every cell, now and as of past
 * days, reads the same.
 */
describe("migration 1030: the cells kept by item slot", () => {
  it("writes JSON back down, packs it again by slot, and every cell reads the same before and after", async () => {
    const env = await testEnv();
    const db = env.database.db;
    const ctx = { db, engine: env.database.engine };
    const ids = await progressIds(env);
    const programmes = await Promise.all(["standardisation", "online-procedures"].map((c) => ids.prog(c)));
    const texts = async () =>
      [
        ...(await db.selectFrom("progress_org_state").select("cells").orderBy("programme_id").orderBy("org_id").execute()),
        ...(await db
          .selectFrom("progress_org_days")
          .select("cells")
          .orderBy("programme_id")
          .orderBy("org_id")
          .orderBy("day")
          .execute()),
      ].map((r) => r.cells);
    const first = (await db.selectFrom("progress_org_days").select("day").orderBy("day").executeTakeFirstOrThrow()).day;
    const days = [null, first, `${first.slice(0, 7)}-28`, "2100-01-01"];
    const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
    const cells = async () =>
      Promise.all(programmes.flatMap((p) => days.map(async (day) => sorted(await readProgrammeCells(ctx, p, day)))));

    const packed = await texts();
    expect(packed.length).toBeGreaterThan(100);
    expect(packed.every((t) => !t.startsWith("{"))).toBe(true);
    const figures = await cells();
    expect(figures[0]!.length).toBeGreaterThan(100);
    expect(figures.flat().some((c) => c.includes('"exception":true') || c.includes('"dueDate":"'))).toBe(true);

    await m1030.down(db);
    const json = await texts();
    expect(json.every((t) => t.startsWith("{"))).toBe(true);
    // As migration 0710 wrote them: item id → [pct, due date, exception], keys in id order.
    const state = await db
      .selectFrom("progress_org_state")
      .select(["org_id", "cells"])
      .where("programme_id", "=", programmes[0]!)
      .executeTakeFirstOrThrow();
    const records = await db
      .selectFrom("progress_records")
      .select(["item_id", "pct", "due_date", "exception"])
      .where("programme_id", "=", programmes[0]!)
      .where("org_id", "=", state.org_id)
      .orderBy("item_id")
      .execute();
    expect(state.cells).toBe(
      JSON.stringify(Object.fromEntries(records.map((r) => [r.item_id, [r.pct, r.due_date, r.exception]]))),
    );

    await m1030.up(db);
    await m1030.rebuild(db);
    expect(await texts()).toEqual(packed);
    expect(await cells()).toEqual(figures);
    // A second run of the data step finds nothing to rewrite.
    await m1030.rebuild(db);
    expect(await texts()).toEqual(packed);
  });
});
