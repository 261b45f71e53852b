import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { fontkit } from "../lazy-libs.js";
import { ink, loadJapaneseFont } from "./pdf.js";

/**
 * The one server-side chart: horizontal bars, one row per label and one bar per series (e.g. the year before
 * and this year), values on a fixed scale with their figures written beside the bars. Drawn as vector graphics
 * on a pdf-lib page; for a Word document the same drawing is rasterised to PNG by MuPDF, so both files show
 * one picture of the same figures.
 */
export interface BarChart {
  /** The series' names, drawn as the legend (「令和7年度末」「令和8年度末」). */
  series: string[];
  rows: { label: string; values: (number | null)[] }[];
  /** The scale's end (100 for percentages) and the unit written after each figure. */
  max: number;
  unit: string;
}

const shades = [rgb(0.7, 0.7, 0.7), rgb(0.13, 0.33, 0.6), rgb(0.55, 0.2, 0.2)];
const barHeight = 7;
const labelWidth = 150;
const legendHeight = 18;

/** The chart's height in points for a width (rows stack downwards; the width only stretches the bars). */
export const chartHeight = (c: BarChart) => legendHeight + c.rows.length * (c.series.length * barHeight + 6) + 4;

const clip = (font: PDFFont, text: string, size: number, width: number) => {
  let t = text;
  while (t.length > 1 && font.widthOfTextAtSize(t, size) > width) t = t.slice(0, -1);
  return t === text ? t : `${t.slice(0, -1)}…`;
};

/** Draws the chart with its top-left corner at (x, top). */
export function drawBarChart(page: PDFPage, font: PDFFont, c: BarChart, x: number, top: number, width: number) {
  const size = 7.5;
  let lx = x + labelWidth;
  c.series.forEach((s, i) => {
    page.drawRectangle({ x: lx, y: top - 10, width: 9, height: 7, color: shades[i % shades.length] });
    page.drawText(s, { x: lx + 12, y: top - 9.5, size, font, color: ink });
    lx += 24 + font.widthOfTextAtSize(s, size);
  });
  const plot = width - labelWidth - 40;
  let y = top - legendHeight;
  const axisTop = y;
  for (const row of c.rows) {
    const rowHeight = c.series.length * barHeight;
    page.drawText(clip(font, row.label, size, labelWidth - 6), { x, y: y - rowHeight / 2 - 2.5, size, font, color: ink });
    row.values.forEach((v, i) => {
      const by = y - (i + 1) * barHeight;
      const w = v == null ? 0 : (Math.max(0, Math.min(v, c.max)) / c.max) * plot;
      if (w > 0)
        page.drawRectangle({ x: x + labelWidth, y: by + 1, width: w, height: barHeight - 2, color: shades[i % shades.length] });
      const figure = v == null ? "—" : `${v}${c.unit}`;
      page.drawText(figure, { x: x + labelWidth + w + 3, y: by + 1.5, size: 6.5, font, color: ink });
    });
    y -= rowHeight + 6;
  }
  page.drawLine({
    start: { x: x + labelWidth, y: axisTop + 2 },
    end: { x: x + labelWidth, y: y + 4 },
    thickness: 0.6,
    color: ink,
  });
}

/** The chart as a PNG (twice the point size, for print), for documents that take pictures (Word). */
export async function barChartPng(c: BarChart, width = 480): Promise<{ png: Uint8Array; width: number; height: number }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  const font = await doc.embedFont(loadJapaneseFont(), { subset: true });
  const height = chartHeight(c) + 8;
  const page = doc.addPage([width, height]);
  drawBarChart(page, font, c, 4, height - 4, width - 8);
  const mupdf = await import("mupdf");
  const pdf = mupdf.Document.openDocument(await doc.save(), "application/pdf");
  try {
    const pixmap = pdf.loadPage(0).toPixmap(mupdf.Matrix.scale(2, 2), mupdf.ColorSpace.DeviceRGB, false, true);
    return { png: pixmap.asPNG().slice(), width, height };
  } finally {
    pdf.destroy();
  }
}
