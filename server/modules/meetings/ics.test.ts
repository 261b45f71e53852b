import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, fold, icsTime } from "./ics.js";

describe("ics", () => {
  it("escapes TEXT values", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });

  it("folds at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY:${"令和7年度".repeat(20)}`;
    const folded = fold(line);
    for (const l of folded.split("\r\n")) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split("\r\n")
        .map((l, i) => (i ? l.slice(1) : l))
        .join(""),
    ).toBe(line);
    expect(folded).not.toContain("\uFFFD");
  });

  it("writes UTC times and CRLF lines", () => {
    expect(icsTime("2025-10-01T14:00:00+09:00")).toBe("20251001T050000Z");
    const cal = buildCalendar("会議", [
      {
        uid: "x@renkei",
        start: "2025-10-01T05:00:00.000Z",
        end: "2025-10-01T07:00:00.000Z",
        summary: "第2回",
        status: "CONFIRMED",
        sequence: 0,
        lastModified: "2025-09-01T00:00:00.000Z",
      },
    ]);
    expect(cal.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(cal.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(cal.replace(/\r\n/g, "")).not.toContain("\n");
    expect(cal).toContain("DTSTART:20251001T050000Z");
  });
});
