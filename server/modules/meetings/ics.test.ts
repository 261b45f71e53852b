import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, fold, icsTime } from "./ics.js";

describe("ics", () => {
  it("escapes TEXT values", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    expect(escapeText("一行目\r二行目\r\n三行目")).toBe("一行目\\n二行目\\n三行目");
  });

  it("never lets a lone CR or LF into a line, whatever the field", () => {
    const cal = buildCalendar("会議\r名", [
      {
        uid: "x\r@renkei",
        start: "2025-10-01T05:00:00.000Z",
        end: "2025-10-01T07:00:00.000Z",
        summary: "第2回\r臨時",
        url: "https://renkei.example/meetings/1\rX-INJECTED:1",
        status: "CONFIRMED",
        sequence: 0,
        lastModified: "2025-09-01T00:00:00.000Z",
      },
    ]);
    expect(cal.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(cal).not.toMatch(/^X-INJECTED/m);
    expect(cal).toContain("SUMMARY:第2回\\n臨時");
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
