import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("config", () => {
  it("has defaults for a one-command start", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toMatch(/data$/);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.publicUrl).toBe("http://localhost:3000");
    expect(c.jobPollMs).toBe(2000);
  });

  it("takes the job worker's poll interval in milliseconds and refuses one below 10", () => {
    expect(loadConfig({ JOB_POLL_MS: "50" }).jobPollMs).toBe(50);
    expect(() => loadConfig({ JOB_POLL_MS: "5" })).toThrow(/JOB_POLL_MS/);
  });

  it("reports every invalid variable at once", () => {
    try {
      loadConfig({ PORT: "abc", DATABASE_URL: "mysql://x", SMTP_URL: "http://mail", RENKEI_DEMO_PASSWORD: "short" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join("\n");
      for (const v of ["PORT", "DATABASE_URL", "SMTP_URL", "RENKEI_DEMO_PASSWORD"]) expect(problems).toContain(v);
    }
  });
});
