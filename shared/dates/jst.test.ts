import { afterEach, describe, expect, it, vi } from "vitest";
import {
  fiscalYear,
  fiscalYearAt,
  fiscalYearRange,
  fromJstDateTimeLocal,
  isWithinTerm,
  jstDate,
  jstDateTimeLocal,
  jstDayEnd,
  jstDayStart,
  jstInstant,
  jstMonth,
  jstMonthStart,
  jstTime,
  jstWeekday,
  nextJstTime,
} from "./jst.js";

describe("Japan time around midnight", () => {
  it("changes the date at 00:00 JST (15:00 UTC the day before), not at UTC midnight", () => {
    expect(jstDate("2026-03-31T14:59:59.999Z")).toBe("2026-03-31");
    expect(jstDate("2026-03-31T15:00:00.000Z")).toBe("2026-04-01");
    expect(jstDate(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(jstMonth("2026-03-31T15:30:00Z")).toBe("2026-04");
    expect(jstTime("2026-03-31T15:05:00Z")).toBe("00:05");
    expect(jstWeekday("2026-11-28T15:00:00Z")).toBe(0); // Sunday 11/29 in Japan, Saturday in UTC
  });

  afterEach(() => vi.useRealTimers());

  it("gives today as the clock moves, across midnight in Japan and back (today is remembered between calls)", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-03-31T14:59:59.998Z"));
    expect(jstDate()).toBe("2026-03-31");
    vi.setSystemTime(new Date("2026-03-31T14:59:59.999Z"));
    expect(jstDate()).toBe("2026-03-31");
    vi.setSystemTime(new Date("2026-03-31T15:00:00.000Z"));
    expect(jstDate()).toBe("2026-04-01");
    vi.setSystemTime(new Date("2026-04-01T14:59:59.999Z"));
    expect(jstDate()).toBe("2026-04-01");
    vi.setSystemTime(new Date("2026-03-30T12:00:00Z")); // a clock set back
    expect(jstDate()).toBe("2026-03-30");
    vi.setSystemTime(new Date("2027-01-01T00:00:00Z"));
    expect(jstDate()).toBe("2027-01-01");
  });

  it("gives JST day boundaries as instants", () => {
    expect(jstDayStart("2026-04-01").toISOString()).toBe("2026-03-31T15:00:00.000Z");
    expect(jstDayEnd("2026-03-31").toISOString()).toBe("2026-03-31T15:00:00.000Z");
    expect(jstDayEnd("2026-12-31").toISOString()).toBe("2026-12-31T15:00:00.000Z");
    expect(jstMonthStart("2027-01").toISOString()).toBe("2026-12-31T15:00:00.000Z");
    expect(jstInstant("2026-10-01", "17:00").toISOString()).toBe("2026-10-01T08:00:00.000Z");
    expect(jstInstant("2026-10-01", "8:30").toISOString()).toBe("2026-09-30T23:30:00.000Z");
  });

  it("round-trips a datetime-local value read as Japan time", () => {
    expect(fromJstDateTimeLocal("2026-04-01T00:00").toISOString()).toBe("2026-03-31T15:00:00.000Z");
    expect(jstDateTimeLocal("2026-03-31T15:00:00Z")).toBe("2026-04-01T00:00");
  });

  it("ends a membership whose term ends on 3/31 at midnight in Japan", () => {
    expect(isWithinTerm("2026-03-31", "2026-03-31T14:59:59Z")).toBe(true); // 3/31 23:59:59 JST
    expect(isWithinTerm("2026-03-31", "2026-03-31T15:00:00Z")).toBe(false); // 4/1 00:00 JST
    expect(isWithinTerm(null, "2030-01-01T00:00:00Z")).toBe(true);
  });

  it("finds the next hh:mm in Japan strictly after now", () => {
    expect(nextJstTime(new Date("2026-03-31T23:29:00Z"), 8, 30).toISOString()).toBe("2026-03-31T23:30:00.000Z");
    expect(nextJstTime(new Date("2026-03-31T23:30:00Z"), 8, 30).toISOString()).toBe("2026-04-01T23:30:00.000Z");
    expect(nextJstTime(new Date("2026-03-31T14:00:00Z"), 7).toISOString()).toBe("2026-03-31T22:00:00.000Z");
  });
});

describe("fiscal year (年度, April–March)", () => {
  it("switches on 4/1 in Japan", () => {
    expect(fiscalYear("2026-03-31")).toBe(2025);
    expect(fiscalYear("2026-04-01")).toBe(2026);
    expect(fiscalYear("2026-12-31")).toBe(2026);
    expect(fiscalYear("2027-01-01")).toBe(2026);
    expect(fiscalYearAt("2026-03-31T14:59:59Z")).toBe(2025); // 3/31 23:59 JST
    expect(fiscalYearAt("2026-03-31T15:00:00Z")).toBe(2026); // 4/1 00:00 JST, still 3/31 in UTC
    expect(fiscalYearRange(2025)).toEqual({ start: "2025-04-01", end: "2026-03-31" });
  });
});
