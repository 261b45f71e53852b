import { describe, expect, it } from "vitest";
import * as calendar from "../../../shared/dates/calendar.js";
import { holidayName } from "../../../shared/dates/calendar.js";
import { addBusinessDays, businessDaysBetween, dueDate, slaClock } from "./sla.js";

/** Unit tests of the business-day clock against the real national holidays of 2024–2027. */
describe("business-day clock: due dates over real holidays", () => {
  it("skips the year-end closure 12/29–1/3 and the weekend after it (2024→2025)", () => {
    // Fri 2024-12-27 + 2: 12/28 Sat, 12/29–1/3 closed, 1/4 Sat, 1/5 Sun, 1/6 Mon (1), 1/7 Tue (2)
    expect(dueDate("2024-12-27", 2, [], "2024-12-27")).toBe("2025-01-07");
  });

  it("skips a substitute holiday (振替休日, 2024-02-12)", () => {
    expect(holidayName("2024-02-12")).toContain("振替休日");
    expect(dueDate("2024-02-09", 1, [], "2024-02-09")).toBe("2024-02-13");
  });

  it("skips Golden Week 2025 (5/3 Sat – 5/6 Tue substitute)", () => {
    expect(dueDate("2025-05-02", 1, [], "2025-05-02")).toBe("2025-05-07");
    // 4/28 Mon + 3: 4/29 昭和の日 skipped → 4/30, 5/1, 5/2
    expect(dueDate("2025-04-28", 3, [], "2025-04-28")).toBe("2025-05-02");
  });

  it("skips the 2026 silver week, including the 国民の休日 between two holidays", () => {
    expect(holidayName("2026-09-22")).toBe("休日");
    expect(dueDate("2026-09-18", 1, [], "2026-09-18")).toBe("2026-09-24");
  });

  it("skips 成人の日 2027 and the 2027→2028 year end", () => {
    expect(dueDate("2027-01-08", 1, [], "2027-01-08")).toBe("2027-01-12");
    expect(dueDate("2027-12-28", 1, [], "2027-12-28")).toBe("2028-01-04");
  });

  it("counts from the next business day when filed on a weekend or holiday", () => {
    // Sat 2025-11-22; 11/23 Sun, 11/24 振替休日, so the first business day is Tue 11/25
    expect(dueDate("2025-11-22", 1, [], "2025-11-22")).toBe("2025-11-25");
  });
});

describe("business-day clock: pauses while waiting for the municipality", () => {
  it("moves the due date by the business days of a pause", () => {
    // Mon 2025-06-02 + 10 → Mon 6/16; paused Wed 6/4 → Fri 6/6 (2 business days) → Wed 6/18
    expect(dueDate("2025-06-02", 10, [], "2025-06-02")).toBe("2025-06-16");
    expect(dueDate("2025-06-02", 10, [{ from: "2025-06-04", to: "2025-06-06" }], "2025-06-20")).toBe("2025-06-18");
  });

  it("counts only business days of a pause across Golden Week 2025", () => {
    // paused 4/28 → 5/7: 4/30, 5/1, 5/2, 5/7 are business days (4 days)
    const s = slaClock({
      start: "2025-04-25",
      targetDays: 5,
      pauses: [{ from: "2025-04-28", to: "2025-05-07" }],
      stoppedOn: null,
      today: "2025-05-07",
    });
    // 4/25 Fri + 5 = 5/7 without the pause (4/28, 4/30, 5/1, 5/2, 5/7); + 4 business days → 5/13
    expect(s.due).toBe("2025-05-13");
    expect(s.usedDays).toBe(1); // only 4/28 ran
    expect(s.state).toBe("on_track");
  });

  it("shows a running pause as paused and keeps extending the due date", () => {
    const s = slaClock({
      start: "2026-01-05",
      targetDays: 2,
      pauses: [{ from: "2026-01-06", to: null }],
      stoppedOn: null,
      today: "2026-01-09",
    });
    expect(s.paused).toBe(true);
    expect(s.state).toBe("paused");
    // 1/5 + 2 = 1/7; paused (1/6, 1/9] = 3 business days → 1/13 (1/12 is 成人の日)
    expect(s.due).toBe("2026-01-13");
  });

  it("does not let a pause that began after the due date undo the miss", () => {
    const s = slaClock({
      start: "2026-03-02",
      targetDays: 2,
      pauses: [{ from: "2026-03-06", to: null }],
      stoppedOn: null,
      today: "2026-03-10",
    });
    expect(s.due).toBe("2026-03-04");
    expect(s.state).toBe("overdue");
  });

  it("adds up several pauses", () => {
    const pauses = [
      { from: "2027-02-01", to: "2027-02-03" }, // 2 days
      { from: "2027-02-08", to: "2027-02-12" }, // 2/9, 2/10, 2/12 (2/11 建国記念の日) = 3 days
    ];
    // 2027-01-29 Fri + 5 = 2/5; +2 → 2/9; pause 2 starts 2/8 ≤ 2/9 → +3 → 2/15 (Mon, skipping 2/11 and the weekend)
    expect(dueDate("2027-01-29", 5, pauses, "2027-02-20")).toBe("2027-02-15");
  });
});

describe("business-day clock: states", () => {
  const base = { start: "2024-07-10", targetDays: 3, pauses: [] }; // Wed + 3 → Mon 7/15 is 海の日 → Tue 7/16
  it("is on track, then due soon, then overdue", () => {
    expect(slaClock({ ...base, stoppedOn: null, today: "2024-07-10" })).toMatchObject({
      due: "2024-07-16",
      state: "on_track",
      remainingDays: 3,
    });
    expect(slaClock({ ...base, stoppedOn: null, today: "2024-07-12" })).toMatchObject({ state: "due_soon", remainingDays: 1 });
    expect(slaClock({ ...base, stoppedOn: null, today: "2024-07-16" })).toMatchObject({ state: "due_soon", remainingDays: 0 });
    expect(slaClock({ ...base, stoppedOn: null, today: "2024-07-17" })).toMatchObject({ state: "overdue", remainingDays: -1 });
  });

  it("is met on the due day and missed the day after", () => {
    expect(slaClock({ ...base, stoppedOn: "2024-07-16", today: "2024-08-01" })).toMatchObject({ state: "met", usedDays: 3 });
    expect(slaClock({ ...base, stoppedOn: "2024-07-17", today: "2024-08-01" })).toMatchObject({ state: "missed", usedDays: 4 });
  });

  it("ignores pauses after the stop day", () => {
    const s = slaClock({ ...base, pauses: [{ from: "2024-07-20", to: null }], stoppedOn: "2024-07-11", today: "2024-08-01" });
    expect(s).toMatchObject({ state: "met", usedDays: 1, paused: false });
  });
});

describe("the tabulated calendar agrees with shared/dates/calendar.ts", () => {
  it("on every day of 2024–2027 and across the year ends", () => {
    for (let d = "2023-12-20"; d <= "2028-01-10"; d = calendar.addDays(d, 1)) {
      for (const n of [0, 1, 2, 5, 10, 15]) expect([d, n, addBusinessDays(d, n)]).toEqual([d, n, calendar.addBusinessDays(d, n)]);
      // A long span only weekly: the day-by-day reference is slow.
      for (const k of d.endsWith("1") ? [1, 7, 40, 400] : [1, 7, 40]) {
        const to = calendar.addDays(d, k);
        expect([d, to, businessDaysBetween(d, to)]).toEqual([d, to, calendar.businessDaysBetween(d, to)]);
      }
    }
  });

  it("falls back to the day-by-day functions outside its range", () => {
    expect(addBusinessDays("1999-12-28", 1)).toBe(calendar.addBusinessDays("1999-12-28", 1));
    expect(businessDaysBetween("1999-12-01", "2000-01-31")).toBe(calendar.businessDaysBetween("1999-12-01", "2000-01-31"));
  });
});
