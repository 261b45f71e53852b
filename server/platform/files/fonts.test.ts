import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { fontkit } from "../lazy-libs.js";
import { barChartPng } from "./chart.js";
import { ink, loadJapaneseFont } from "./pdf.js";

// What a PDF shows, judged by poppler's renderer (pdftoppm) rather than by its text layer: a subset font whose
// outlines are broken still copies and searches as text (pdftotext) while the page stays blank.

const text = "取組状況報告　令和8年度末　住民基本台帳・戸籍 80%";

async function pdfWith(subset: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  const font = await doc.embedFont(loadJapaneseFont(), { subset });
  doc.addPage([420, 60]).drawText(text, { x: 10, y: 25, size: 14, font, color: ink });
  return doc.save();
}

/** Dark pixels of the page rendered by poppler in grey (PGM), at 100 dpi. */
function inkOf(pdf: Uint8Array): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-font-"));
  try {
    fs.writeFileSync(path.join(dir, "a.pdf"), pdf);
    execFileSync("pdftoppm", ["-gray", "-r", "100", "-singlefile", path.join(dir, "a.pdf"), path.join(dir, "a")]);
    return darkPixels(fs.readFileSync(path.join(dir, "a.pgm")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A binary PGM (P5, 8 bits): the count of pixels darker than mid-grey. */
function darkPixels(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 50).toString("latin1"))!;
  const pixels = pgm.subarray(header[0].length);
  let n = 0;
  for (const p of pixels) if (p < 128) n++;
  return n;
}

describe("the Japanese font in PDFs", () => {
  it("draws every character of a subset font as the whole font draws it", async () => {
    const whole = inkOf(await pdfWith(false));
    const subset = await pdfWith(true);
    expect(whole).toBeGreaterThan(2000);
    // The same glyphs, so the same ink (a broken outline renders as nothing).
    expect(Math.abs(inkOf(subset) - whole) / whole).toBeLessThan(0.02);
    // And only what the page uses is embedded: tens of kilobytes, not the font's megabytes.
    expect(subset.length).toBeLessThan(60_000);
  });

  it("writes the labels, legend and figures into the chart picture a Word document carries", async () => {
    const chart = (labels: boolean) =>
      barChartPng({
        series: labels ? ["令和7年度末", "令和8年度末"] : ["", ""],
        rows: [
          { label: labels ? "住民基本台帳" : "", values: [40, 80] },
          { label: labels ? "戸籍" : "", values: [20, 55] },
        ],
        max: 100,
        unit: labels ? "%" : "",
      });
    const mupdf = await import("mupdf");
    const dark = async (png: Uint8Array) => {
      const pixmap = new mupdf.Image(png).toPixmap();
      const pixels = pixmap.getPixels();
      const n = pixmap.getNumberOfComponents() + (pixmap.getAlpha() ? 1 : 0);
      let count = 0;
      for (let i = 0; i < pixels.length; i += n) if (pixels[i]! < 100 && pixels[i + 1]! < 100 && pixels[i + 2]! < 100) count++;
      return count;
    };
    const withText = await dark((await chart(true)).png);
    const without = await dark((await chart(false)).png);
    // The text is black ink on top of the bars' grey and blue: it must add a good deal of it.
    expect(withText - without).toBeGreaterThan(600);
  });
});
