import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { OutputBundle } from "rolldown";
import type { Plugin } from "vite";

/** Budgets in bytes of gzip: the first page's JavaScript in total, and each chunk loaded later. */
export const budgets = {
  /**
   * Under the 150 KB, with room to grow: only the shell's UI strings load with it (123 KB; every
   * feature's strings load with its pages, web/lib/messages/index.ts), so a feature's strings put back here fail.
   */
  firstPage: 135 * 1024,
  /** ECharts core with the canvas renderer, shared by every chart and loaded on the first one. */
  charts: 160 * 1024,
  chunk: 60 * 1024,
};

export interface SizeReport {
  firstPage: { files: string[]; gzip: number; budget: number };
  chunks: { file: string; gzip: number; budget: number }[];
}

const compressible = /\.(js|css|svg|html|json|txt|map)$/;
const gzipSize = (b: Buffer) => zlib.gzipSync(b, { level: 9 }).length;

function sizeReport(dir: string, bundle: OutputBundle): SizeReport {
  const chunks = Object.values(bundle).filter((c) => c.type === "chunk");
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const size = (file: string) => gzipSize(fs.readFileSync(path.join(dir, file)));
  // The first page: the entry and everything it imports statically (what the browser must load).
  const first = new Set<string>();
  const visit = (file: string) => {
    if (first.has(file)) return;
    first.add(file);
    for (const i of byFile.get(file)?.imports ?? []) visit(i);
  };
  for (const c of chunks) if (c.isEntry) visit(c.fileName);
  const isCharts = (c: (typeof chunks)[number]) =>
    c.moduleIds.some((m) => m.includes("/node_modules/echarts/") || m.includes("/node_modules/zrender/"));
  return {
    firstPage: { files: [...first], gzip: [...first].reduce((n, f) => n + size(f), 0), budget: budgets.firstPage },
    chunks: chunks
      .filter((c) => !first.has(c.fileName))
      .map((c) => ({ file: c.fileName, gzip: size(c.fileName), budget: isCharts(c) ? budgets.charts : budgets.chunk }))
      .sort((a, b) => b.gzip - a.gzip),
  };
}

/**
 * After the build: every compressible file is written beside itself as .br and .gz (the server
 * sends them as they are, see server/app.ts), and the JavaScript sizes (gzip) are printed against
 * their budgets and written to asset-sizes.json (checked by web/asset-budget.test.ts).
 */
export function assets(): Plugin {
  let outDir = "";
  let log: (s: string) => void = () => {};
  return {
    name: "renkei-assets",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      log = (s) => config.logger.info(s);
    },
    writeBundle(_options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!compressible.test(file)) continue;
        const full = path.join(outDir, file);
        const data = fs.readFileSync(full);
        fs.writeFileSync(`${full}.gz`, zlib.gzipSync(data, { level: 9 }));
        fs.writeFileSync(`${full}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
      const report = sizeReport(outDir, bundle as OutputBundle);
      fs.writeFileSync(path.join(outDir, "asset-sizes.json"), JSON.stringify(report, null, 2));
      const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
      const mark = (n: number, budget: number) => (n > budget ? "  OVER BUDGET" : "");
      log(
        `\nJavaScript, gzip (budget):\n  first page ${kb(report.firstPage.gzip)} (${kb(report.firstPage.budget)})${mark(report.firstPage.gzip, report.firstPage.budget)}`,
      );
      for (const c of report.chunks) log(`  ${c.file.padEnd(48)} ${kb(c.gzip)} (${kb(c.budget)})${mark(c.gzip, c.budget)}`);
    },
  };
}
