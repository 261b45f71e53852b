import helmet from "@fastify/helmet";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import type { Database } from "../db/database.js";
import { cspDirectives } from "./security-headers.js";

const names = (h: Record<string, unknown>) =>
  Object.keys(h).filter((k) => !["date", "connection", "content-length", "content-type", "x-request-id"].includes(k));
const only = (h: Record<string, unknown>) => Object.fromEntries(names(h).map((k) => [k, h[k]]));

/** The headers @fastify/helmet sends with the options Renkei used before they were precomputed. */
async function helmetHeaders(hsts: boolean) {
  const app = Fastify();
  const directives = Object.fromEntries(
    Object.entries(cspDirectives).map(([k, v]) => [k.replace(/-(.)/g, (_, c) => c.toUpperCase()), v]),
  );
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    crossOriginEmbedderPolicy: false,
    hsts,
  });
  app.get("/healthz", async () => ({ status: "ok" }));
  const res = await app.inject("/healthz");
  await app.close();
  return only(res.headers);
}

describe("security headers", () => {
  it.each([
    ["http", false],
    ["https", true],
  ])("are exactly helmet's, computed once (%s)", async (scheme, hsts) => {
    const config = loadConfig({ DATA_DIR: "/nonexistent", LOG_LEVEL: "silent", PUBLIC_URL: `${scheme}://renkei.example.jp` });
    // /healthz and an unknown API route touch no database.
    const app = await buildApp({
      config,
      database: { db: null, engine: "sqlite", close: async () => {} } as unknown as Database,
    });
    const expected = await helmetHeaders(hsts);
    expect(expected["content-security-policy"]).toContain("default-src 'self';script-src 'self'");
    expect(only((await app.inject("/healthz")).headers)).toEqual(expected);
    const missing = await app.inject("/api/no-such-route");
    expect(missing.statusCode).toBe(404);
    // Every /api answer is also kept out of caches (the security suite checks that on its own).
    expect(only(missing.headers)).toEqual({ ...expected, "cache-control": "no-store" });
    await app.close();
  });
});
