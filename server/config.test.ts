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

  it("keeps mail-in off by default and names what to fix when it is half-configured", () => {
    expect(loadConfig({}).mailIn).toBeUndefined();
    const on = loadConfig({
      MAILIN_SMTP_PORT: "2525",
      MAILIN_ADDRESS: "Soudan@pref.example.lg.jp",
      MAILIN_SENDER_DOMAINS: "@town.example.lg.jp, city.example.lg.jp",
      MAILIN_RELAY_HOSTS: "10.1.2.3",
    });
    expect(on.mailIn).toEqual({
      port: 2525,
      host: "0.0.0.0",
      address: "soudan@pref.example.lg.jp",
      maxBytes: 20 * 1024 * 1024,
      senderDomains: ["town.example.lg.jp", "city.example.lg.jp"],
      relayHosts: ["10.1.2.3"],
    });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ MAILIN_SMTP_PORT: "2525" })).toEqual([
      expect.stringMatching(/^MAILIN_ADDRESS: required when MAILIN_SMTP_PORT/),
    ]);
    expect(problems({ MAILIN_ADDRESS: "soudan@pref.example.lg.jp" })).toEqual([
      expect.stringMatching(/^MAILIN_SMTP_PORT: required when MAILIN_ADDRESS/),
    ]);
    expect(
      problems({ MAILIN_SMTP_PORT: "2525", MAILIN_ADDRESS: "soudan", MAILIN_RELAY_HOSTS: "relay.lg.jp" }).join("\n"),
    ).toMatch(/MAILIN_ADDRESS: must be an e-mail address/);
    expect(
      problems({ MAILIN_SMTP_PORT: "2525", MAILIN_ADDRESS: "soudan@pref.example.lg.jp", MAILIN_RELAY_HOSTS: "relay.lg.jp" }),
    ).toEqual(["MAILIN_RELAY_HOSTS: not IP addresses: relay.lg.jp (give the relays' addresses, comma-separated)"]);
  });
});
