import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const probe = path.resolve(import.meta.dirname, "../testing/otel-probe.ts");

/** The OpenTelemetry packages a fresh server process loads while it starts and answers requests. */
function loadedBy(extra: Record<string, string>): string[] {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-otel-"));
  try {
    const env = { PATH: process.env.PATH ?? "", NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dataDir, ...extra };
    const r = spawnSync(process.execPath, ["--import", "tsx", probe], { env, encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe("OpenTelemetry is loaded only when traces are configured", () => {
  it("a server without OTEL_EXPORTER_OTLP_ENDPOINT loads none of the SDK or the exporter; one with it does", () => {
    // prom-client requires @opentelemetry/api itself (for exemplars): that one is there either way.
    expect(loadedBy({})).toEqual(["@opentelemetry/api"]);
    // Nothing listens on port 9: the exporter is built and loaded, and its failed sends are only logged.
    const traced = loadedBy({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9" });
    expect(traced).toEqual(
      expect.arrayContaining([
        "@opentelemetry/sdk-trace-base",
        "@opentelemetry/exporter-trace-otlp-http",
        "@opentelemetry/resources",
      ]),
    );
  }, 240_000);
});
