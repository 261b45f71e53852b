import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testEnv } from "../../platform/testing/harness.js";
import { actorOf } from "../demo/factories.js";
import { type Cell, eachPackedCell, packCells } from "./cell-grid.js";
import { programmeSlots, slotItems } from "./item-slots-repo.js";
import { createItem } from "./programmes.js";
import { applyProgressUpdates } from "./service.js";
import { progressIds } from "./test-support.js";
import { readProgrammeCells } from "./totals-repo.js";

const cell = fc.tuple(
  fc.option(
    fc.oneof(
      fc.integer({ min: 0, max: 10000 }),
      fc.double({ min: -1, max: 10001, noNaN: true }).map((x) => x + 0),
    ),
    { nil: null },
  ),
  fc.option(
    fc
      .date({ min: new Date("2020-01-01"), max: new Date("2035-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    { nil: null },
  ),
  fc.constantFrom(0 as const, 1 as const),
);

describe("a municipality's cells as one text by item slot", () => {
  it("reads back every cell it was given, at its item, and nothing else (property)", () => {
    const items = Array.from({ length: 30 }, (_, i) => `item-${i}`);
    const slots = new Map(items.map((id, i) => [id, (i * 7) % 30]));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...items), cell), (cells) => {
        const text = packCells(Object.entries(cells) as [string, Cell][], slots);
        const bySlot = new Map([...slots].map(([id, s]) => [s, id]));
        const back: Record<string, Cell> = {};
        eachPackedCell(text, (slot, pct, due, exc) => {
          back[bySlot.get(slot)!] = [pct, due, exc];
        });
        expect(back).toEqual(cells);
      }),
    );
    expect(packCells([["item-1", [5000, "2026-03-31", 0]]], new Map([["item-1", 2]]))).toBe(";;5000,2026-03-31");
    expect(packCells([["item-1", [null, null, 1]]], new Map([["item-1", 0]]))).toBe(",,1");
    expect(() => packCells([["unknown", [1, null, 0]]], new Map())).toThrow(/no slot/);
  });

  it("numbers each item of a programme once, and a new item next, without renumbering; its cells are kept and read by it", async () => {
    const env = await testEnv();
    const db = env.database.db;
    const ids = await progressIds(env);
    const programmeId = await ids.prog("standardisation");
    const items = await db.selectFrom("progress_items").select("id").where("programme_id", "=", programmeId).execute();
    const before = await programmeSlots(env.ctx, programmeId);
    expect([...before.keys()].sort()).toEqual(items.map((i) => i.id).sort());
    expect([...before.values()].sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
    expect(await programmeSlots(env.ctx, programmeId)).toEqual(before);

    const ctx = { ...env.ctx, actor: await actorOf(env.ctx, "secretariat@example.jp") };
    const model = [...before.keys()][0]!;
    const created = await createItem(ctx, programmeId, {
      code: "slot-test",
      name: "番号の試験",
      tracking: "steps",
      sortOrder: -1,
      copyFromItemId: model,
    });
    const after = await programmeSlots(env.ctx, programmeId);
    expect(after.get(created.id)).toBe(items.length);
    for (const [id, slot] of before) expect(after.get(id)).toBe(slot);
    expect((await slotItems(env.ctx, programmeId))[items.length]).toBe(created.id);

    const town = (
      await db.selectFrom("orgs").select("id").where("kind", "=", "town").orderBy("lg_code").executeTakeFirstOrThrow()
    ).id;
    const [step] = await ids.steps(created.id);
    await applyProgressUpdates(ctx, [{ orgId: town, itemId: created.id, steps: [{ stepId: step!, status: "done" }] }], {
      source: "manual",
    });
    const cells = await readProgrammeCells(env.ctx, programmeId);
    const record = await db
      .selectFrom("progress_records")
      .select(["pct", "due_date", "exception"])
      .where("org_id", "=", town)
      .where("item_id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(record.pct).toBeGreaterThan(0);
    expect(cells.find((c) => c.orgId === town && c.itemId === created.id)).toEqual({
      orgId: town,
      itemId: created.id,
      pct: record.pct,
      dueDate: record.due_date,
      exception: record.exception === 1,
    });
  });

  // On PostgreSQL the second waits on the first's numbers, finds them taken and reads them; SQLite has one writer.
  it("gives two writers numbering the same new items at once the same numbers", async () => {
    const env = await testEnv();
    const db = env.database.db;
    const programmeId = await (await progressIds(env)).prog("standardisation");
    await db.deleteFrom("progress_item_slots").where("programme_id", "=", programmeId).execute();
    const both = await Promise.all(
      [0, 1].map(() =>
        db.transaction().execute(async (tx) => {
          const slots = await programmeSlots({ db: tx }, programmeId);
          await new Promise((r) => setTimeout(r, 50));
          return slots;
        }),
      ),
    );
    expect(both[1]).toEqual(both[0]);
    expect(await programmeSlots(env.ctx, programmeId)).toEqual(both[0]);
  });
});
