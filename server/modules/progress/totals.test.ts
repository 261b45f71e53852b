import { beforeAll, describe, expect, it } from "vitest";
import { cellMark, hasMark } from "../../../shared/api/progress-views.js";
import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { aggregateCells, readCells } from "./state-repo.js";
import { progressIds } from "./test-support.js";
import {
  countBefore,
  itemMeans,
  readItemTotals,
  readOrgTotals,
  readProgrammeCells,
  readRollupTotals,
  rebuildProgressTotals,
} from "./totals-repo.js";

let env: TestEnv;
let programmeId: string;
let items: string[];
beforeAll(async () => {
  env = await testEnv();
  const ids = await progressIds(env);
  programmeId = await ids.prog("standardisation");
  items = (await env.database.db.selectFrom("progress_items").select("id").where("programme_id", "=", programmeId).execute()).map(
    (i) => i.id,
  );
});

const sortCells = <T extends { orgId: string; itemId: string }>(xs: T[]) =>
  [...xs].sort((a, b) => `${a.orgId}|${a.itemId}`.localeCompare(`${b.orgId}|${b.itemId}`));

/** The maintained tables as they are, to compare with a rebuild from the history. */
async function maintained() {
  const db = env.database.db;
  return {
    state: await db.selectFrom("progress_org_state").selectAll().orderBy("programme_id").orderBy("org_id").execute(),
    days: await db.selectFrom("progress_org_days").selectAll().orderBy("programme_id").orderBy("org_id").orderBy("day").execute(),
    items: await db.selectFrom("progress_item_totals").selectAll().orderBy("item_id").execute(),
    rollup: await db.selectFrom("progress_rollup_totals").selectAll().orderBy("programme_id").orderBy("month").execute(),
  };
}

/** Every open step of three of 阿武町's unfinished systems marked done today, through the API (one write each). */
const edited: string[] = [];
async function editToday() {
  const abu = await env.as("abu@example.jp");
  const org = env.demo.orgs.阿武町!;
  for (const item of items) {
    if (edited.length === 3) break;
    const rec = (await abu.get(`/api/progress/records/${org}/${item}`)).body;
    const open = rec.steps.filter((s: { status: string }) => s.status !== "done");
    if (!open.length) continue;
    edited.push(item);
    const res = await abu.patch(`/api/progress/records/${org}/${item}`, {
      steps: open.map((s: { stepId: string }) => ({ stepId: s.stepId, status: "done", actualDate: jstDate() })),
      expectedVersion: rec.version,
    });
    expect(res.status).toBe(200);
  }
}

describe("progress totals maintained on each write", () => {
  it("equal a recomputation from the records and the history, now and as of past days, on both engines", async () => {
    await editToday();
    const db = env.database.db;
    const ctx = { db, engine: env.database.engine };

    // Now: the maintained cells are the records' own state.
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

    // As of past days (and today): the latest history row of every record before the day's end.
    const orgIds = [...new Set(records.map((r) => r.org_id))];
    const itemSet = new Set(items);
    const trend = await readRollupTotals(ctx, programmeId);
    expect(trend.length).toBeGreaterThanOrEqual(6);
    for (const day of [`${trend[1]!.month}-15`, `${trend[3]!.month}-01`, addDays(jstDate(), -1), jstDate()]) {
      const fromHistory = [];
      for (const orgId of orgIds) fromHistory.push(...(await readCells(env.ctx, { orgId }, day)));
      const expected = fromHistory.filter((c) => itemSet.has(c.itemId));
      expect(sortCells(await readProgrammeCells(ctx, programmeId, day))).toEqual(sortCells(expected));
      // The per-municipality and per-item totals the summary reads agree with those cells.
      const agg = aggregateCells(expected, day, () => true);
      const orgTotals = await readOrgTotals(ctx, programmeId, day);
      expect(orgTotals.length).toBe(agg.orgs.length);
      for (const t of orgTotals) {
        const a = agg.orgs.find((x) => x.orgId === t.orgId)!;
        expect({ sum: t.sum, n: t.n, exceptions: t.exceptions, overdue: countBefore(t.dues, day) }).toEqual({
          sum: a.sum,
          n: a.n,
          exceptions: a.exceptions,
          overdue: a.overdue,
        });
      }
      const itemTotals = await readItemTotals(ctx, items, day);
      for (const a of agg.items) expect(itemTotals.get(a.itemId)).toEqual({ sum: a.sum, n: a.n });
    }
    // Yesterday does not include today's edit; today does.
    const abuYesterday = (await readProgrammeCells(ctx, programmeId, addDays(jstDate(), -1))).filter(
      (c) => c.orgId === env.demo.orgs.阿武町 && c.itemId === edited[0],
    );
    const abuToday = (await readProgrammeCells(ctx, programmeId, jstDate())).filter(
      (c) => c.orgId === env.demo.orgs.阿武町 && c.itemId === edited[0],
    );
    expect(edited).toHaveLength(3);
    expect(abuToday[0]!.pct).toBe(10000);
    expect(abuYesterday[0]?.pct ?? 0).toBeLessThan(10000);

    // Item means and the all-municipality trend: the records' average and the per-municipality rollup summed.
    const avg = await db
      .selectFrom("progress_records")
      .select(["item_id", (eb) => eb.fn.sum<number>("pct").as("s"), (eb) => eb.fn.count<number>("pct").as("n")])
      .where("item_id", "in", items)
      .groupBy("item_id")
      .execute();
    const means = await itemMeans(ctx, items);
    for (const a of avg) expect(means.get(a.item_id)).toBeCloseTo(Number(a.s) / Number(a.n), 6);
    const perOrg = await db
      .selectFrom("progress_rollup")
      .select(["month", (eb) => eb.fn.sum<number>("pct_sum").as("s"), (eb) => eb.fn.sum<number>("pct_n").as("n")])
      .where("programme_id", "=", programmeId)
      .groupBy("month")
      .orderBy("month")
      .execute();
    expect(trend).toEqual(perOrg.map((r) => ({ month: r.month, pctSum: Number(r.s), pctN: Number(r.n) })));

    // What was maintained write by write is exactly what a replay of the whole history rebuilds.
    const before = await maintained();
    expect(before.days.some((d) => d.day === jstDate() && d.org_id === env.demo.orgs.阿武町)).toBe(true);
    for (const p of await db.selectFrom("progress_programmes").select("id").execute()) await rebuildProgressTotals(ctx, p.id);
    expect(await maintained()).toEqual(before);
  });

  it("serve the dashboard: an org's figure is the mean of its cells, and as of yesterday leaves out today's edit", async () => {
    const sec = await env.as("secretariat@example.jp");
    const now = (await sec.get(`/api/progress/dashboard?programmeId=${programmeId}`)).body;
    const yesterday = (await sec.get(`/api/progress/dashboard?programmeId=${programmeId}&asOf=${addDays(jstDate(), -1)}`)).body;
    const abuNow = now.orgs.find((o: { id: string }) => o.id === env.demo.orgs.阿武町);
    const abuThen = yesterday.orgs.find((o: { id: string }) => o.id === env.demo.orgs.阿武町);
    expect(abuNow.pct).toBeGreaterThan(abuThen.pct);
    const m = (await sec.get(`/api/progress/dashboard/matrix?programmeId=${programmeId}`)).body;
    const row = m.cells[m.orgIds.indexOf(env.demo.orgs.阿武町)].filter((c: number | null) => c != null);
    expect(abuNow.pct).toBeCloseTo(row.reduce((a: number, b: number) => a + b, 0) / row.length, 1);
  });

  it("leave out an archived item and answer for some municipalities only, now and as of yesterday", async () => {
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.patch(`/api/progress/items/${items[19]}`, { archived: true })).status).toBe(200);
    const mean = (xs: (number | null)[]) => {
      const v = xs.filter((x): x is number => x != null);
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    for (const asOf of ["", `&asOf=${addDays(jstDate(), -1)}`])
      for (const filter of ["", "&small=true"]) {
        const q = `programmeId=${programmeId}${asOf}${filter}`;
        const d = (await sec.get(`/api/progress/dashboard?${q}`)).body;
        const m = (await sec.get(`/api/progress/dashboard/matrix?${q}`)).body;
        expect(d.items).toHaveLength(19);
        expect(m.itemIds).not.toContain(items[19]);
        expect(m.orgIds).toEqual(d.orgs.map((o: { id: string }) => o.id));
        if (filter) expect(d.orgs.length).toBeLessThan(19);
        for (const [i, o] of (d.orgs as { pct: number }[]).entries()) expect(o.pct, q).toBeCloseTo(mean(m.cells[i]), 1);
        for (const [j, it] of (d.items as { pct: number }[]).entries())
          expect(it.pct, q).toBeCloseTo(mean(m.cells.map((row: (number | null)[]) => row[j]!)), 1);
        const overdue = (row: string) => [...row].filter((_, i) => hasMark(row, i, cellMark.overdue)).length;
        expect(m.marks.map(overdue), q).toEqual(d.orgs.map((o: { overdueItems: number }) => o.overdueItems));
      }
  });
});
