import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDaysBetween,
  isBusinessDay,
  lastDayOfMonth,
  nextBusinessDay,
  nonBusinessReason,
} from "./calendar.js";
import { formatDate, formatDateTime, formatMonth, formatTime, jstDay } from "./format.js";
import { fiscalYear } from "./jst.js";
import { fiscalYearLabel, parseJapaneseDate, warekiDate } from "./wareki.js";

describe("business days with the real holidays of 2024–2027", () => {
  it("knows national holidays, substitute holidays and weekends", () => {
    expect(nonBusinessReason("2024-02-12")).toContain("振替休日"); // 建国記念の日 on a Sunday
    expect(nonBusinessReason("2025-11-24")).toContain("振替休日"); // 勤労感謝の日 on a Sunday
    expect(nonBusinessReason("2026-09-22")).toContain("休日"); // 国民の休日 between 敬老の日 and 秋分の日
    expect(nonBusinessReason("2027-03-22")).toContain("振替休日"); // 春分の日 2027-03-21 is a Sunday
    expect(nonBusinessReason("2026-11-28")).toBe("土曜日");
    expect(nonBusinessReason("2026-11-29")).toBe("日曜日");
    expect(isBusinessDay("2026-11-24")).toBe(true);
  });

  it("closes the offices from 12/29 to 1/3", () => {
    expect(nonBusinessReason("2025-12-29")).toContain("年末年始");
    expect(nonBusinessReason("2026-01-02")).toContain("年末年始");
    expect(isBusinessDay("2026-01-05")).toBe(true);
    expect(nextBusinessDay("2026-12-29")).toBe("2027-01-04");
  });

  it("counts business days across Golden Week and the new year", () => {
    // 2025-04-28 (Mon) + 3 business days skips 4/29 昭和の日 → 4/30, 5/1, 5/2; then 5/3–5/6 are off.
    expect(addBusinessDays("2025-04-28", 3)).toBe("2025-05-02");
    expect(addBusinessDays("2025-05-02", 1)).toBe("2025-05-07");
    expect(addBusinessDays("2025-12-26", 1)).toBe("2026-01-05");
    expect(addBusinessDays("2026-01-05", -1)).toBe("2025-12-26");
    expect(businessDaysBetween("2025-12-26", "2026-01-05")).toBe(1);
    expect(businessDaysBetween("2026-01-05", "2025-12-26")).toBe(-1);
  });
});

describe("和暦 and 年度", () => {
  it("names fiscal years April–March", () => {
    expect(fiscalYear("2025-04-01")).toBe(2025);
    expect(fiscalYear("2026-03-31")).toBe(2025);
    expect(fiscalYearLabel(2025)).toBe("令和7年度");
    expect(fiscalYearLabel(2019, { western: true })).toBe("令和元年度（2019年度）");
  });
  it("writes dates in the Japanese era", () => {
    expect(warekiDate("2025-10-01")).toBe("令和7年10月1日");
    expect(warekiDate("2019-04-30")).toBe("平成31年4月30日");
    expect(warekiDate("2019-05-01")).toBe("令和元年5月1日");
  });
});

describe("the one display format", () => {
  it("writes a day as 和暦 with the Western year, in Japan time whatever the instant's zone", () => {
    expect(formatDate("2025-04-01")).toBe("令和7年（2025年）4月1日");
    // 23:30 UTC on 31 March is already 1 April in Japan.
    expect(formatDate("2025-03-31T23:30:00Z")).toBe("令和7年（2025年）4月1日");
    expect(formatDate("2025-04-01", "ja", { weekday: true })).toBe("令和7年（2025年）4月1日（火）");
    expect(formatDate("2025-04-01", "ja", { western: false })).toBe("令和7年4月1日");
    expect(formatDate("2019-05-01")).toBe("令和元年（2019年）5月1日");
    expect(formatDate("2025-04-01", "en")).toBe("1 Apr 2025");
    expect(formatDate(null)).toBe("");
  });

  it("adds the Japan time of day, and names months by their era", () => {
    expect(formatDateTime("2025-03-31T23:30:00Z")).toBe("令和7年（2025年）4月1日 08:30");
    expect(formatTime("2025-04-01T05:05:00Z")).toBe("14:05");
    expect(formatMonth("2026-04")).toBe("令和8年（2026年）4月");
    expect(formatMonth("2019-04", "ja", { western: false })).toBe("平成31年4月");
    expect(formatMonth("2026-04", "en")).toBe("Apr 2026");
    expect(jstDay("2026-11-29T20:00:00Z")).toBe("2026-11-30");
  });
});

describe("lastDayOfMonth", () => {
  it("knows month lengths and leap years", () => {
    expect(lastDayOfMonth("2027-02")).toBe("2027-02-28");
    expect(lastDayOfMonth("2028-02")).toBe("2028-02-29");
    expect(lastDayOfMonth("2026-12")).toBe("2026-12-31");
    expect(lastDayOfMonth("2026-06")).toBe("2026-06-30");
  });
});

describe("parseJapaneseDate", () => {
  it("reads 和暦 and western dates as clerks write them, and refuses dates that do not exist", () => {
    expect(parseJapaneseDate("令和7年4月1日")).toBe("2025-04-01");
    expect(parseJapaneseDate("令和元年5月1日")).toBe("2019-05-01");
    expect(parseJapaneseDate("Ｒ７．４．１")).toBe("2025-04-01");
    expect(parseJapaneseDate("H31/4/30")).toBe("2019-04-30");
    expect(parseJapaneseDate("2025年4月1日")).toBe("2025-04-01");
    expect(parseJapaneseDate("2025/4/1")).toBe("2025-04-01");
    expect(parseJapaneseDate("令和1年4月30日")).toBeNull();
    expect(parseJapaneseDate("令和7年2月30日")).toBeNull();
    expect(parseJapaneseDate("未定")).toBeNull();
  });
});
