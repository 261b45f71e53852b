import { describe, expect, it } from "vitest";
import { jstMonth } from "../../../shared/dates/jst.js";
import {
  asOfCutoff,
  behindPlan,
  computeRecordState,
  emptyRecord,
  type ItemDef,
  isOverdue,
  median,
  metricKey,
  metricYearFigure,
  trendFromDeltas,
} from "./rules.js";
import { applyUpdate, diffRecord, rewindRecord } from "./update-rules.js";

const stepsItem = (n = 4, deadline: string | null = "2026-03-31"): ItemDef => ({
  id: "i",
  programmeId: "p",
  tracking: "steps",
  deadline,
  exceptionAllowed: true,
  steps: Array.from({ length: n }, (_, i) => ({
    id: `s${i + 1}`,
    code: `${i + 1}`,
    name: `step ${i + 1}`,
    options: i === 0 ? ["A", "B"] : null,
  })),
  metrics: [],
});
const metricsItem: ItemDef = {
  id: "m",
  programmeId: "p",
  tracking: "metrics",
  deadline: null,
  exceptionAllowed: false,
  steps: [],
  metrics: [
    { id: "classes", code: "c", name: "classes", unit: "回", targetDefault: 12 },
    { id: "people", code: "p", name: "people", unit: "人", targetDefault: 200 },
  ],
};
const st = (status: "not_started" | "in_progress" | "done" | "not_applicable", plannedDate: string | null = null) => ({
  status,
  plannedDate,
  actualDate: status === "done" ? "2025-01-01" : null,
  option: null,
});

describe("step percentage", () => {
  it("counts 完了 over the steps that apply; 対象外 leaves the denominator", () => {
    const d = emptyRecord();
    d.steps = { s1: st("done"), s2: st("done"), s3: st("in_progress"), s4: st("not_applicable") };
    const s = computeRecordState(stepsItem(), d);
    expect(s.pct).toBe(6667); // 2 of 3, in hundredths
    expect(s).toMatchObject({ done: 2, inProgress: 1, applicable: 3 });
  });

  it("is null when every step is 対象外 (the item does not apply), 0 when nothing started", () => {
    const d = emptyRecord();
    d.steps = { s1: st("not_applicable"), s2: st("not_applicable"), s3: st("not_applicable"), s4: st("not_applicable") };
    expect(computeRecordState(stepsItem(), d).pct).toBeNull();
    expect(computeRecordState(stepsItem(), emptyRecord()).pct).toBe(0);
  });

  it("is due at the earliest open planned date, and at the deadline while incomplete", () => {
    const d = emptyRecord();
    d.steps = { s1: st("done", "2024-01-01"), s2: st("in_progress", "2026-06-30"), s3: st("not_started", "2025-12-01") };
    expect(computeRecordState(stepsItem(4, "2027-03-31"), d).dueDate).toBe("2025-12-01");
    expect(computeRecordState(stepsItem(4, "2025-03-31"), d).dueDate).toBe("2025-03-31");
    const done = emptyRecord();
    done.steps = { s1: st("done"), s2: st("done"), s3: st("done"), s4: st("not_applicable") };
    expect(computeRecordState(stepsItem(), done).dueDate).toBeNull();
  });

  it("moves the deadline to the revised target of a flagged exception", () => {
    const d = emptyRecord();
    d.exception = true;
    d.exceptionReason = "ベンダ";
    d.revisedTarget = "2029-03-31";
    expect(computeRecordState(stepsItem(), d).dueDate).toBe("2029-03-31");
  });
});

describe("metric percentage", () => {
  it("uses the latest fiscal year, caps each metric at 100% and averages", () => {
    const d = emptyRecord();
    d.metrics[metricKey("classes", 2024)] = { value: 3, target: null };
    d.metrics[metricKey("classes", 2025)] = { value: 24, target: null };
    d.metrics[metricKey("people", 2025)] = { value: 50, target: 100 };
    const s = computeRecordState(metricsItem, d);
    expect(s.metricFy).toBe(2025);
    expect(s.pct).toBe(7500); // (100% + 50%) / 2
    expect(s.dueDate).toBeNull();
  });

  it("is no data (null), not 0%, before anything is reported, and null when the municipality's target is 0", () => {
    expect(computeRecordState(metricsItem, emptyRecord()).pct).toBeNull();
    const d = emptyRecord();
    d.metrics[metricKey("classes", 2025)] = { value: null, target: 0 };
    d.metrics[metricKey("people", 2025)] = { value: null, target: 0 };
    expect(computeRecordState(metricsItem, d).pct).toBeNull();
  });

  it("leaves out a new KPI with no value instead of counting it as 0%", () => {
    const d = emptyRecord();
    d.metrics[metricKey("people", 2025)] = { value: 80, target: 100 };
    const s = computeRecordState(metricsItem, d); // "classes" (default target 12) has no value yet
    expect(s.pct).toBe(8000);
    expect(s.applicable).toBe(1);
  });

  it("keeps this year's figure when next year's plan (a target without a value) is entered", () => {
    const d = emptyRecord();
    d.metrics[metricKey("people", 2025)] = { value: 90, target: 100 };
    const before = computeRecordState(metricsItem, d);
    d.metrics[metricKey("people", 2026)] = { value: null, target: 200 };
    d.metrics[metricKey("classes", 2026)] = { value: null, target: 30 };
    const after = computeRecordState(metricsItem, d);
    expect(after).toEqual(before);
    expect(after.metricFy).toBe(2025);
    expect(after.pct).toBe(9000);
    // Once next year's value is reported, that year's figure is the record's.
    d.metrics[metricKey("people", 2026)] = { value: 50, target: 200 };
    expect(computeRecordState(metricsItem, d)).toMatchObject({ metricFy: 2026, pct: 2500 });
  });
});

describe("behind plan", () => {
  const org = (orgId: string, pct: number | null, overdueItems = 0, isSmall = false) => ({
    orgId,
    pct,
    overdueItems,
    isSmall,
    population: 1,
  });

  it("lists overdue municipalities and those far under the median, most urgent first", () => {
    const { count, list } = behindPlan([org("a", 9000), org("b", 8000), org("c", 5000), org("d", 8500, 2), org("e", null)], {
      lagThreshold: 20,
    });
    expect(count).toBe(2);
    // median of 9000, 8000, 5000, 8500 = 8250; c is 32.5 points under it
    expect(list.map((o) => [o.orgId, o.reasons])).toEqual([
      ["d", ["overdue"]],
      ["c", ["below_median"]],
    ]);
    expect(list[1]!.medianGap).toBe(3250);
  });

  it("puts small municipalities first when asked", () => {
    const orgs = [org("big", 1000, 3), org("small", 8000, 1, true)];
    expect(behindPlan(orgs, { lagThreshold: 20 }).list[0]!.orgId).toBe("big");
    expect(behindPlan(orgs, { lagThreshold: 20, smallFirst: true }).list[0]!.orgId).toBe("small");
    // A limit lists the most urgent and still counts every one.
    expect(behindPlan(orgs, { lagThreshold: 20, limit: 1 })).toMatchObject({ count: 2, list: [{ orgId: "big" }] });
  });

  it("is overdue only strictly after the due date", () => {
    expect(isOverdue("2026-03-31", "2026-03-31")).toBe(false);
    expect(isOverdue("2026-03-31", "2026-04-01")).toBe(true);
    expect(isOverdue(null, "2030-01-01")).toBe(false);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("trend and as-of", () => {
  it("turns monthly change sums into month-end percentages, carrying quiet months", () => {
    const t = trendFromDeltas(
      [
        { month: "2026-01", pctSum: 10000, pctN: 2 },
        { month: "2026-03", pctSum: 5000, pctN: 0 },
        { month: "2026-03", pctSum: 3000, pctN: 1 },
      ],
      { until: "2026-04" },
    );
    expect(t).toEqual([
      { month: "2026-01", pct: 5000 },
      { month: "2026-02", pct: 5000 },
      { month: "2026-03", pct: 6000 },
      { month: "2026-04", pct: 6000 },
    ]);
  });

  it("cuts a day at midnight in Japan", () => {
    expect(asOfCutoff("2026-04-01")).toBe("2026-04-01T15:00:00.000Z");
    expect(jstMonth("2026-03-31T15:30:00.000Z")).toBe("2026-04");
  });
});

describe("applying an update", () => {
  const today = "2026-11-24";
  it("rejects a future actual date, an actual date without 完了, a bad date and an unknown option", () => {
    const { problems } = applyUpdate(
      stepsItem(),
      emptyRecord(),
      {
        orgId: "o",
        itemId: "i",
        steps: [
          { stepId: "s1", status: "done", actualDate: "2026-12-01", option: "C" },
          { stepId: "s2", status: "in_progress", actualDate: "2026-01-01" },
          { stepId: "s3", plannedDate: "2026-02-30" },
          { stepId: "nope", status: "done" },
          { stepId: "s4", status: "finished" as never },
        ],
      },
      today,
    );
    expect(problems.map((p) => p.field)).toEqual([
      "steps.0.actualDate",
      "steps.0.option",
      "steps.1.actualDate",
      "steps.2.plannedDate",
      "steps.3.stepId",
      "steps.4.status",
    ]);
  });

  it("clears the actual date when a step leaves 完了, and wants a reason and a date for an exception", () => {
    const before = emptyRecord();
    before.steps.s1 = { status: "done", plannedDate: null, actualDate: "2025-01-01", option: "A" };
    const { after, problems } = applyUpdate(
      stepsItem(),
      before,
      { orgId: "o", itemId: "i", steps: [{ stepId: "s1", status: "in_progress" }], exception: { flagged: true } },
      today,
    );
    expect(after.steps.s1).toEqual({ status: "in_progress", plannedDate: null, actualDate: null, option: null });
    expect(problems.map((p) => p.field)).toEqual(["exception.reason", "exception.revisedTarget"]);
  });

  it("rejects metrics that are not numbers or negative", () => {
    const { problems } = applyUpdate(
      metricsItem,
      emptyRecord(),
      {
        orgId: "o",
        itemId: "m",
        metrics: [
          { metricId: "classes", fiscalYear: 2025, value: "12" as never },
          { metricId: "people", fiscalYear: 2025, value: -1 },
          { metricId: "people", fiscalYear: 25, value: 1 },
        ],
      },
      today,
    );
    expect(problems.map((p) => p.field)).toEqual(["metrics.0.value", "metrics.1.value", "metrics.2.fiscalYear"]);
  });

  it("diffs and rewinds to the record as it was", () => {
    const v1 = emptyRecord();
    const { after: v2 } = applyUpdate(
      stepsItem(),
      v1,
      { orgId: "o", itemId: "i", steps: [{ stepId: "s2", status: "in_progress", plannedDate: "2026-12-01" }] },
      today,
    );
    const { after: v3 } = applyUpdate(
      stepsItem(),
      v2,
      { orgId: "o", itemId: "i", steps: [{ stepId: "s2", status: "done", actualDate: "2026-11-20" }] },
      today,
    );
    const c2 = diffRecord(v1, v2);
    const c3 = diffRecord(v2, v3);
    expect(c3.steps?.s2).toEqual({ status: ["in_progress", "done"], actualDate: [null, "2026-11-20"] });
    expect(rewindRecord(v3, [c3]).steps.s2).toEqual(v2.steps.s2);
    expect(rewindRecord(v3, [c3, c2]).steps.s2).toEqual({
      status: "not_started",
      plannedDate: null,
      actualDate: null,
      option: null,
    });
  });
});

describe("a metric over municipalities for one fiscal year", () => {
  it("sums the reported values and the targets that apply, and averages the achievement of those who reported", () => {
    const f = metricYearFigure(200, [
      { value: 100, target: null }, // default target 200 → 50 %
      { value: 300, target: 150 }, // capped at 100 %
      { value: null, target: 400 }, // a plan: counted in the target, not reported
      { value: 5, target: 0 }, // not applicable
      undefined, // no record: the default target applies
    ]);
    expect(f).toEqual({ reported: 2, total: 400, target: 200 + 150 + 400 + 200, pct: 7500 });
  });

  it("is no data (null), not 0, when nobody reported", () => {
    expect(metricYearFigure(12, [undefined, { value: null, target: 10 }])).toEqual({
      reported: 0,
      total: null,
      target: 22,
      pct: null,
    });
    expect(metricYearFigure(null, [{ value: 7, target: null }])).toEqual({ reported: 1, total: 7, target: null, pct: null });
  });
});
