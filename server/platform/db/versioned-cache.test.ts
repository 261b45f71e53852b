import { describe, expect, it } from "vitest";
import { parseVersions } from "./versioned-cache.js";

describe("parseVersions", () => {
  it("reads keys that hold colons, and the value after the last one", () => {
    const v = parseVersions("reference:3,table:meetings:17,progress_past:120");
    expect([...v]).toEqual([
      ["reference", 3],
      ["table:meetings", 17],
      ["progress_past", 120],
    ]);
  });

  it("gives no counters for a database without any, and a new map when the text changes", () => {
    expect(parseVersions(null).size).toBe(0);
    const a = parseVersions("reference:1");
    expect(parseVersions("reference:1")).toBe(a);
    expect(parseVersions("reference:2").get("reference")).toBe(2);
  });
});
