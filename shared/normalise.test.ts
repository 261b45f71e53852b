import { describe, expect, it } from "vitest";
import { isValidLgCode, restoreLgCode } from "./lg-code.js";
import { halfWidth, sameCode } from "./normalise.js";

describe("what spreadsheets do to codes", () => {
  it("restores the leading zero Excel drops when the check digit confirms it", () => {
    expect(restoreLgCode("11002")).toBe("011002"); // 札幌市
    expect(isValidLgCode("011002")).toBe(true);
    expect(restoreLgCode("１１００２")).toBe("011002");
    expect(restoreLgCode("352039")).toBe("352039"); // already whole
    expect(restoreLgCode("11001")).toBe("11001"); // 011001 fails the check digit: left for validation to name
  });

  it("normalises full-width digits, letters and spaces one way", () => {
    expect(halfWidth("　１２，３４５　")).toBe("12,345");
    expect(halfWidth("Ａ－０１")).toBe("A-01");
    expect(halfWidth("髙﨑町　役場")).toBe("髙﨑町 役場");
  });

  it("matches a code a spreadsheet shortened", () => {
    expect(sameCode("01", "1")).toBe(true);
    expect(sameCode("007", "7")).toBe(true);
    expect(sameCode("10", "1")).toBe(false);
    expect(sameCode("a1", "A1")).toBe(false);
  });
});
