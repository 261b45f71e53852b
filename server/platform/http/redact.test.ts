import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact.js";

describe("redactUrl", () => {
  it("hides link tokens in the path and token, key and secret parameters in any case, and leaves other URLs as they are", () => {
    expect(redactUrl("/api/calendar/feed/abcDEF123_-.ics")).toBe("/api/calendar/feed/[redacted]");
    expect(redactUrl("/invitation/tok123?next=/home")).toBe("/invitation/[redacted]?next=/home");
    expect(redactUrl("/api/auth/invitation/tok123")).toBe("/api/auth/invitation/[redacted]");
    expect(redactUrl("/reset-password/tok123")).toBe("/reset-password/[redacted]");
    expect(redactUrl("/api/search?q=x&TOKEN=abc&Key=def&secret=ghi")).toBe(
      "/api/search?q=x&TOKEN=[redacted]&Key=[redacted]&secret=[redacted]",
    );
    expect(redactUrl("/api/notices?unread=true&limit=5")).toBe("/api/notices?unread=true&limit=5");
    expect(redactUrl("/api/search?q=tokenize&monkey=1")).toBe("/api/search?q=tokenize&monkey=1");
  });
});
