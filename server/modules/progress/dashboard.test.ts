import { beforeAll, describe, expect, it } from "vitest";
import { cellMark, hasMark, matrix, orgPage } from "../../../shared/api/progress-views.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("progress dashboard", () => {
  it("lists a town's newest changes over all its records, newest first, each with its own item", async () => {
    const abu = await env.as("abu@example.jp");
    const orgId = env.demo.orgs.阿武町!;
    // Two records changed now, one after the other: both lead the list, the later first.
    const dashboard = (await abu.get("/api/progress/dashboard")).body;
    const [first, second] = [dashboard.items[3].id, dashboard.items[11].id];
    for (const itemId of [first, second]) {
      const rec = (await abu.get(`/api/progress/records/${orgId}/${itemId}`)).body;
      const res = await abu.patch(`/api/progress/records/${orgId}/${itemId}`, {
        note: `${itemId}の進捗を更新`,
        steps: [{ stepId: rec.steps[0].stepId, plannedDate: "2031-03-31" }],
        expectedVersion: rec.version,
      });
      expect(res.status).toBe(200);
    }
    const page = (await abu.get(`/api/progress/orgs/${orgId}`)).body;
    const recent = page.recent.map((r: { id: string; at: string; item: { id: string } }) => ({ id: r.id, item: r.item.id }));
    expect(recent.slice(0, 2).map((r: { item: string }) => r.item)).toEqual([second, first]);
    // The same as the newest 20 rows of the town's whole history.
    const expected = await env.database.db
      .selectFrom("progress_history as h")
      .innerJoin("progress_records as r", "r.id", "h.record_id")
      .select(["h.id", "r.item_id"])
      .where("r.org_id", "=", orgId)
      .orderBy("h.at", "desc")
      .orderBy("h.id", "desc")
      .limit(20)
      .execute();
    expect(recent).toEqual(expected.map((e) => ({ id: e.id, item: e.item_id })));
  });

  it("says on a town's page why each item is behind: a passed planned date, or a gap to the others' mean", async () => {
    const kaminoseki = await env.as("kaminoseki@example.jp");
    const page = (await kaminoseki.get(`/api/progress/orgs/${env.demo.orgs.上関町}`)).body;
    expect(page.lagging.length).toBeGreaterThan(0);
    for (const l of page.lagging) {
      expect(l.reasons.length).toBeGreaterThan(0);
      if (l.reasons.includes("overdue")) expect(l.dueDate < jstDate()).toBe(true);
      if (l.reasons.includes("below_mean")) expect(l.pct).toBeLessThan(l.mean - l.lagPoints);
    }
    // 上関町 has systems whose migration date (令和8年3月31日) passed unfinished.
    expect(page.lagging.some((l: { reasons: string[] }) => l.reasons.includes("overdue"))).toBe(true);
  });

  it("shows the 19 municipalities × 20 systems with a trend and who is behind plan", async () => {
    const abu = await env.as("abu@example.jp");
    const res = await abu.get("/api/progress/dashboard");
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.programme.name).toBe("基幹業務システムの標準化・共通化");
    expect(d.orgs).toHaveLength(19);
    expect(d.items).toHaveLength(20);
    const m = (await abu.get("/api/progress/dashboard/matrix")).body;
    expect(matrix.strict().parse(m)).toEqual(m);
    expect(m.orgIds).toEqual(d.orgs.map((o: { id: string }) => o.id));
    expect(m.cells).toHaveLength(19);
    expect(m.cells.every((row: unknown[]) => row.length === 20)).toBe(true);
    // Each municipality's percentage is the mean of its row of cells.
    const abuRow = m.cells[m.orgIds.indexOf(env.demo.orgs.阿武町)];
    const mean = abuRow.reduce((a: number, b: number) => a + b, 0) / 20;
    expect(d.orgs.find((o: { name: string }) => o.name === "阿武町").pct).toBeCloseTo(mean, 1);
    // Each municipality's past-due and exception counts are its row's marks (one digit per item, in order).
    const marked = (row: string, mark: number) => [...row].filter((_, i) => hasMark(row, i, mark)).length;
    expect(m.marks.map((row: string) => row.length)).toEqual(m.orgIds.map(() => 20));
    expect(m.marks.map((row: string) => marked(row, cellMark.overdue))).toEqual(
      d.orgs.map((o: { overdueItems: number }) => o.overdueItems),
    );
    expect(m.marks.map((row: string) => marked(row, cellMark.exception))).toEqual(
      d.orgs.map((o: { exceptionItems: number }) => o.exceptionItems),
    );
    expect(m.marks.join("")).toMatch(/[13]/);
    // Item by item, 阿武町's marks are its municipality page's flags.
    const page = orgPage.parse((await abu.get(`/api/progress/orgs/${env.demo.orgs.阿武町}`)).body);
    const standing = new Map(page.programmes[0]!.items.map((i) => [i.id, i]));
    const abuMarks = m.marks[m.orgIds.indexOf(env.demo.orgs.阿武町)];
    expect(
      m.itemIds.map((_id: string, i: number) => [
        hasMark(abuMarks, i, cellMark.overdue),
        hasMark(abuMarks, i, cellMark.exception),
      ]),
    ).toEqual(m.itemIds.map((id: string) => [standing.get(id)?.overdue, standing.get(id)?.exception]));
    expect(abuMarks).toMatch(/[123]/);
    expect(d.overall).toBeGreaterThan(50);
    expect(d.trend.length).toBeGreaterThanOrEqual(6);
    expect(d.trend[0].pct).toBeLessThan(d.trend[d.trend.length - 1].pct);
    const behind = d.behind.map((b: { name: string }) => b.name);
    expect(behind).toContain("上関町");
    expect(behind).toContain("阿武町");
    expect(d.behindCount).toBe(d.behind.length); // a prefecture's few are all listed
    expect(m.marks.join("").match(/[23]/g)?.length).toBeGreaterThan(10);
    expect(d.abilities).toEqual({ canManage: false, canImport: true, canEditAll: false, canEditOrgId: env.demo.orgs.阿武町 });
  });

  it("puts small towns first when asked", async () => {
    const sec = await env.as("secretariat@example.jp");
    const d = (await sec.get("/api/progress/dashboard?smallFirst=true")).body;
    expect(d.behind[0].isSmall).toBe(true);
    const small = (await sec.get("/api/progress/dashboard?small=true")).body;
    expect(small.orgs.map((o: { name: string }) => o.name).sort()).toEqual(["上関町", "和木町", "阿武町"].sort());
  });

  it("rebuilds a past day from the history", async () => {
    const sec = await env.as("secretariat@example.jp");
    const now = (await sec.get("/api/progress/dashboard")).body;
    const past = (await sec.get(`/api/progress/dashboard?asOf=${now.trend[1].month}-01`)).body;
    expect(past.asOf).toBe(`${now.trend[1].month}-01`);
    expect(past.overall).toBeLessThan(now.overall);
    const before = (await sec.get("/api/progress/dashboard?asOf=2020-01-01")).body;
    expect(before.overall).toBeNull();
    const pastMatrix = (await sec.get(`/api/progress/dashboard/matrix?asOf=${now.trend[1].month}-01`)).body;
    expect(matrix.strict().parse(pastMatrix)).toEqual(pastMatrix);
    const cells = pastMatrix.cells.flat().filter((c: number | null) => c != null);
    expect(cells.reduce((a: number, b: number) => a + b, 0) / cells.length).toBeCloseTo(past.overall, 1);
  });

  it("requires a session and 404s for an unknown programme", async () => {
    expect((await env.anon.get("/api/progress/dashboard")).status).toBe(401);
    expect((await env.anon.get("/api/progress/dashboard/matrix")).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/progress/dashboard?programmeId=${crypto.randomUUID()}`)).status).toBe(404);
    expect((await abu.get(`/api/progress/dashboard/matrix?programmeId=${crypto.randomUUID()}`)).status).toBe(404);
  });
});
