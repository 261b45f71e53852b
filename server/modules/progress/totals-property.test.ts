import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { actorOf } from "../demo/factories.js";
import { getDashboard, getMatrix } from "./dashboard.js";
import { updateItem, updateStep } from "./programmes.js";
import { applyProgressUpdates } from "./service.js";
import { aggregateCells, readCells } from "./state-repo.js";
import { progressIds } from "./test-support.js";
import {
  countBefore,
  readItemTotals,
  readOrgTotals,
  readProgrammeCells,
  readRollupTotals,
  rebuildProgressTotals,
} from "./totals-repo.js";

/**
 * The maintained totals (totals-repo.ts) after a random sequence of writes — edits of a few records at
 * once, refused edits, items archived and restored, steps archived (records recomputed), item deadlines
 * moved — on days that advance by random amounts: equal to a rebuild from the whole history and to a
 * recomputation from the records (now) and from each record's history (as of each day written).
 */
let env: TestEnv;
let ctx: Ctx;
let programmeId: string;
let items: string[];
let allItems: string[];
let steps: Map<string, string[]>;
let orgs: string[];
let clock: number;

beforeAll(async () => {
  env = await testEnv();
  const ids = await progressIds(env);
  programmeId = await ids.prog("standardisation");
  const db = env.database.db;
  items = (
    await db.selectFrom("progress_items").select("id").where("programme_id", "=", programmeId).orderBy("sort_order").execute()
  )
    .map((i) => i.id)
    .slice(0, 4);
  steps = new Map();
  for (const item of items) steps.set(item, await ids.steps(item));
  allItems = (await db.selectFrom("progress_items").select("id").where("programme_id", "=", programmeId).execute()).map(
    (i) => i.id,
  );
  orgs = (
    await db
      .selectFrom("orgs")
      .select("id")
      .where("id", "in", Object.values(env.demo.orgs))
      .where("kind", "!=", "prefecture")
      .execute()
  )
    .map((o) => o.id)
    .sort()
    .slice(0, 5);
  ctx = { ...env.ctx, actor: await actorOf(env.ctx, "secretariat@example.jp") };
  clock = Date.now();
  vi.useFakeTimers({ toFake: ["Date"], now: clock });
});
afterAll(() => {
  vi.useRealTimers();
});

const statuses = ["not_started", "in_progress", "done", "not_applicable"] as const;
const edit = fc.record({
  org: fc.nat({ max: 4 }),
  item: fc.nat({ max: 3 }),
  step: fc.nat({ max: 11 }),
  status: fc.constantFrom(...statuses),
  // Some dates land in the future: a completed step's 実績日 then refuses the whole batch.
  plannedOffset: fc.option(fc.integer({ min: -400, max: 400 })),
  actualOffset: fc.integer({ min: -300, max: 3 }),
  exception: fc.option(fc.boolean()),
});
const command = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant("edit" as const), edits: fc.array(edit, { minLength: 1, maxLength: 4 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("archiveItem" as const), item: fc.nat({ max: 3 }), on: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("archiveStep" as const),
      item: fc.nat({ max: 3 }),
      step: fc.nat({ max: 11 }),
      on: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("deadline" as const),
      item: fc.nat({ max: 3 }),
      offset: fc.option(fc.integer({ min: -200, max: 400 })),
    }),
  },
);
// Hours to the next command: the same day, the next, or weeks later (a new month).
const gap = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 20, max: 30 }), fc.integer({ min: 200, max: 900 }));

type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

async function run(cmd: Command): Promise<string | null> {
  const today = jstDate();
  try {
    if (cmd.kind === "edit") {
      await applyProgressUpdates(
        ctx,
        cmd.edits.map((e) => ({
          orgId: orgs[e.org]!,
          itemId: items[e.item]!,
          steps: [
            {
              stepId: steps.get(items[e.item]!)![e.step]!,
              status: e.status,
              ...(e.plannedOffset != null ? { plannedDate: addDays(today, e.plannedOffset) } : {}),
              ...(e.status === "done" ? { actualDate: addDays(today, e.actualOffset) } : {}),
            },
          ],
          ...(e.exception != null ? { exception: { flagged: e.exception, reason: e.exception ? "理由" : null } } : {}),
        })),
        { source: "manual" },
      );
    } else if (cmd.kind === "archiveItem") await updateItem(ctx, items[cmd.item]!, { archived: cmd.on });
    else if (cmd.kind === "archiveStep") await updateStep(ctx, steps.get(items[cmd.item]!)![cmd.step]!, { archived: cmd.on });
    else await updateItem(ctx, items[cmd.item]!, { deadline: cmd.offset == null ? null : addDays(today, cmd.offset) });
    return today;
  } catch (e) {
    if (e instanceof AppError) return null; // refused as a whole: nothing written
    throw e;
  }
}

const sortCells = <T extends { orgId: string; itemId: string }>(xs: T[]) =>
  [...xs].sort((a, b) => `${a.orgId}|${a.itemId}`.localeCompare(`${b.orgId}|${b.itemId}`));

async function maintained() {
  const db = env.database.db;
  return {
    state: await db.selectFrom("progress_org_state").selectAll().orderBy("programme_id").orderBy("org_id").execute(),
    days: await db.selectFrom("progress_org_days").selectAll().orderBy("programme_id").orderBy("org_id").orderBy("day").execute(),
    items: await db.selectFrom("progress_item_totals").selectAll().orderBy("item_id").execute(),
    itemDays: await db.selectFrom("progress_item_days").selectAll().orderBy("item_id").orderBy("day").execute(),
    rollup: await db.selectFrom("progress_rollup_totals").selectAll().orderBy("programme_id").orderBy("month").execute(),
  };
}

/** What the summary would show on `day`, recomputed from each record's own history. */
async function recomputedOn(day: string) {
  const cells = [];
  for (const orgId of orgs) cells.push(...(await readCells(ctx, { orgId }, day)));
  return cells.filter((c) => allItems.includes(c.itemId));
}

describe("national views computed once per change", () => {
  it("are served from memory until any write to what they read, by any path (SQL, another instance)", async () => {
    // (Before the property below archives items: the summary then reads the cells instead of these totals.)
    const db = env.database.db;
    const q = { programmeId };
    const first = await getDashboard(ctx, q);
    expect(await getDashboard(ctx, q)).toBe(first); // the same object: not computed again
    const matrix = await getMatrix(ctx, q);
    expect(await getMatrix(ctx, q)).toBe(matrix);
    // A write made without the application's code (as another instance or a repair by SQL would).
    const row = await db
      .selectFrom("progress_org_state")
      .select(["org_id", "pct_sum"])
      .where("programme_id", "=", programmeId)
      .where("pct_n", ">", 0)
      .orderBy("org_id")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("progress_org_state")
      .set({ pct_sum: Number(row.pct_sum) + 100 })
      .where("programme_id", "=", programmeId)
      .where("org_id", "=", row.org_id)
      .execute();
    const next = await getDashboard(ctx, q);
    expect(next).not.toBe(first);
    expect(next.orgs.find((o) => o.id === row.org_id)!.pct).not.toBe(first.orgs.find((o) => o.id === row.org_id)!.pct);
    await db
      .updateTable("progress_org_state")
      .set({ pct_sum: row.pct_sum })
      .where("programme_id", "=", programmeId)
      .where("org_id", "=", row.org_id)
      .execute();
    expect(await getDashboard(ctx, q)).toEqual(first);
    // A municipality renamed (orgs) changes the summary too.
    const org = await db.selectFrom("orgs").select(["id", "name"]).where("id", "=", row.org_id).executeTakeFirstOrThrow();
    await db.updateTable("orgs").set({ name: "改名町" }).where("id", "=", org.id).execute();
    expect((await getDashboard(ctx, q)).orgs.find((o) => o.id === org.id)!.name).toBe("改名町");
    await db.updateTable("orgs").set({ name: org.name }).where("id", "=", org.id).execute();
    expect(await getDashboard(ctx, q)).toEqual(first);
  });
});

describe("progress totals maintained on each write (property)", () => {
  it("equal a rebuild from the history and a recomputation from the records after any sequence of writes", async () => {
    const db = env.database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(gap, command), { minLength: 1, maxLength: 8 }), async (cmds) => {
        // The views computed before the writes are kept in memory (view-cache.ts) until something changes.
        const views = async (c: Ctx) => ({
          summary: await getDashboard(c, { programmeId }),
          small: await getDashboard(c, { programmeId, small: "true" }),
          matrix: await getMatrix(c, { programmeId }),
        });
        await views(ctx);
        const days = new Set<string>();
        for (const [hours, cmd] of cmds) {
          // At least a second on: two writes of a record at one instant leave the history's order between them open.
          clock += hours * 3_600_000 + 1_000;
          vi.setSystemTime(clock);
          const day = await run(cmd);
          if (day) days.add(day);
        }
        // Now: the maintained cells are the records' own state, the item totals their sums.
        const records = await db
          .selectFrom("progress_records")
          .select(["org_id", "item_id", "pct", "due_date", "exception"])
          .where("programme_id", "=", programmeId)
          .execute();
        expect(sortCells(await readProgrammeCells(ctx, programmeId))).toEqual(
          sortCells(
            records.map((r) => ({
              orgId: r.org_id,
              itemId: r.item_id,
              pct: r.pct,
              dueDate: r.due_date,
              exception: r.exception === 1,
            })),
          ),
        );
        const perItem = await readItemTotals(ctx, items);
        for (const item of items) {
          const mine = records.filter((r) => r.item_id === item && r.pct != null);
          expect(perItem.get(item)).toEqual({ sum: mine.reduce((s, r) => s + r.pct!, 0), n: mine.length });
        }
        // The all-municipality trend is the per-municipality rollup summed (archiving shifts both).
        const perOrg = await db
          .selectFrom("progress_rollup")
          .select(["month", (eb) => eb.fn.sum<number>("pct_sum").as("s"), (eb) => eb.fn.sum<number>("pct_n").as("n")])
          .where("programme_id", "=", programmeId)
          .groupBy("month")
          .orderBy("month")
          .execute();
        expect(await readRollupTotals(ctx, programmeId)).toEqual(
          perOrg.map((r) => ({ month: r.month, pctSum: Number(r.s), pctN: Number(r.n) })),
        );
        // As of the end of each day written (and the day before the first): the latest history row of each record.
        for (const day of [addDays([...days].sort()[0] ?? jstDate(), -1), ...days]) {
          const expected = await recomputedOn(day);
          const cells = (await readProgrammeCells(ctx, programmeId, day)).filter((c) => orgs.includes(c.orgId));
          expect(sortCells(cells), day).toEqual(sortCells(expected));
          const agg = aggregateCells(expected, day, () => true);
          for (const t of (await readOrgTotals(ctx, programmeId, day)).filter((x) => orgs.includes(x.orgId))) {
            const a = agg.orgs.find((x) => x.orgId === t.orgId)!;
            expect({ sum: t.sum, n: t.n, exceptions: t.exceptions, overdue: countBefore(t.dues, day) }, day).toEqual({
              sum: a.sum,
              n: a.n,
              exceptions: a.exceptions,
              overdue: a.overdue,
            });
          }
        }
        // The views served after the writes are those computed afresh (inside a transaction: no cache).
        expect(await views(ctx)).toEqual(await inTx(ctx, views));
        // What was maintained write by write is exactly what a replay of the whole history rebuilds.
        const before = await maintained();
        await db.transaction().execute(async (tx) => {
          for (const p of await tx.selectFrom("progress_programmes").select("id").execute())
            await rebuildProgressTotals({ db: tx }, p.id);
        });
        expect(await maintained()).toEqual(before);
      }),
      { numRuns: 12, endOnFailure: true, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  }, 240_000);
});
