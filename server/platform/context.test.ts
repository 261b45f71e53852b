import { afterEach, describe, expect, it, vi } from "vitest";
import { nowIso } from "./context.js";

describe("nowIso", () => {
  afterEach(() => vi.useRealTimers());

  it("follows the clock to the millisecond, forward and back (the last answer is remembered)", () => {
    vi.useFakeTimers();
    for (const at of [
      "2026-12-04T01:02:03.004Z",
      "2026-12-04T01:02:03.005Z",
      "2026-12-04T01:02:03.005Z",
      "2025-01-01T00:00:00.000Z",
    ]) {
      vi.setSystemTime(new Date(at));
      expect(nowIso()).toBe(at);
    }
  });
});
