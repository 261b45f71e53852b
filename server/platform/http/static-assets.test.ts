import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import type { Database } from "../db/database.js";
import type { App } from "./types.js";

// The web app as the build leaves it (hashed files with .br/.gz twins), served by the real app.
let dir: string;
let app: App;
const script = `console.log("${"連携".repeat(500)}");`;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-static-"));
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "index.html"), '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>');
  fs.writeFileSync(path.join(dir, "favicon.svg"), "<svg/>");
  const file = path.join(dir, "assets", "index-AbC123.js");
  fs.writeFileSync(file, script);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(script));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(script));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" });
  // Static files and the OpenAPI document touch no database.
  app = await buildApp({
    config,
    database: { db: null, engine: "sqlite", close: async () => {} } as unknown as Database,
    webDir: dir,
  });
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("static assets", () => {
  it("sends hashed files precompressed and cacheable for a year", async () => {
    const br = await app.inject({ url: "/assets/index-AbC123.js", headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(String(br.headers["content-type"])).toContain("javascript");
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await app.inject({ url: "/assets/index-AbC123.js", headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ url: "/assets/index-AbC123.js" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("answers a missing asset as a missing page, not with a file outside the assets folder", async () => {
    for (const url of ["/assets/gone-XyZ.js", "/assets/../index.html", "/assets/%2e%2e/favicon.svg"]) {
      const res = await app.inject({ url });
      expect(res.headers["cache-control"]).not.toContain("immutable");
    }
  });

  it("revalidates index.html (every app route) and the favicon", async () => {
    for (const url of ["/", "/meetings/123"]) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.body).toContain("/assets/index-AbC123.js");
    }
    expect((await app.inject({ url: "/favicon.svg" })).headers["cache-control"]).toBe("no-cache");
  });

  it("sends the OpenAPI document compressed", async () => {
    const res = await app.inject({ url: "/api/openapi.json", headers: { "accept-encoding": "br" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    const doc = JSON.parse(zlib.brotliDecompressSync(res.rawPayload).toString());
    expect(Object.keys(doc.paths)).toContain("/api/bodies");
    const gz = await app.inject({ url: "/api/openapi.json", headers: { "accept-encoding": "gzip" } });
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(doc);
    expect((await app.inject({ url: "/api/openapi.json" })).json()).toEqual(doc);
  });
});
