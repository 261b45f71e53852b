import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgets, type SizeReport } from "../scripts/vite-assets.js";

// The production build of the web app, into a scratch folder: its JavaScript must fit the budgets
// (the first page and each later chunk within budgets.*), and every asset ships precompressed.
let out: string;
let report: SizeReport;
beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-web-"));
  // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      configFile: path.resolve(import.meta.dirname, "../vite.config.ts"),
      logLevel: "silent",
      build: { outDir: out, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  report = JSON.parse(fs.readFileSync(path.join(out, "asset-sizes.json"), "utf8"));
}, 300_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe("web assets", () => {
  it("the first page's JavaScript and every chunk stay within their gzip budgets", () => {
    expect(report.firstPage.files.length).toBeGreaterThan(0);
    expect(report.firstPage.gzip).toBeLessThanOrEqual(budgets.firstPage);
    expect(report.chunks.filter((c) => c.gzip > c.budget)).toEqual([]);
    // No map or geo code of ECharts in any chunk.
    const js = fs.readdirSync(path.join(out, "assets")).filter((f) => f.endsWith(".js"));
    expect(js.filter((f) => /geo|map/i.test(f) && !/heatmap/i.test(f))).toEqual([]);
  });

  it("every script and style sheet has .br and .gz twins with the same content", () => {
    const files = fs.readdirSync(path.join(out, "assets")).filter((f) => /\.(js|css)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const raw = fs.readFileSync(path.join(out, "assets", f));
      expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(out, "assets", `${f}.br`))).equals(raw)).toBe(true);
      expect(zlib.gunzipSync(fs.readFileSync(path.join(out, "assets", `${f}.gz`))).equals(raw)).toBe(true);
    }
  });
});
