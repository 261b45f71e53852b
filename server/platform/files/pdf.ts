import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Parser } from "budoux";
import { type PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";

/**
 * The one home of Japanese PDF typesetting: the bundled Noto Sans JP, BudouX line breaking and a
 * simple flowing writer. The meeting pack, the 議事録 and the procurement 別表 and notices use it.
 */

/** The Japanese font ships with the project (npm package), so a PDF never depends on the server's fonts. */
const fontPath = createRequire(import.meta.url).resolve("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf");
let fontBytes: Buffer | null = null;
export const loadJapaneseFont = () => {
  fontBytes ??= fs.readFileSync(fontPath);
  return fontBytes;
};

/**
 * BudouX's parser and Japanese model, loaded by file: the package's entry point also loads its HTML
 * processor and with it a DOM implementation (linkedom), which takes seconds and is not needed here.
 */
let parser: Parser | null = null;
const phrases = (text: string) => {
  if (!parser) {
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve("budoux"));
    const { Parser } = require(path.join(dist, "parser.js")) as typeof import("budoux");
    parser = new Parser((require(path.join(dist, "data/models/ja.js")) as { model: typeof import("budoux").jaModel }).model);
  }
  return parser.parse(text);
};

/**
 * Splits text into lines that fit the width, breaking between phrases (BudouX) as Japanese typesetting
 * does; a phrase longer than a line is broken between characters.
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const phrase of phrases(para)) {
      if (fits(line + phrase)) {
        line += phrase;
        continue;
      }
      if (line.trim()) lines.push(line);
      line = "";
      for (const ch of fits(phrase) ? [phrase] : phrase) {
        if (line && !fits(line + ch)) {
          lines.push(line);
          line = "";
        }
        line += ch;
      }
    }
    lines.push(line);
  }
  return lines;
}

const A4: [number, number] = [595.28, 841.89];
/** A4 turned on its side: wide tables (the yearly plan's months across). */
export const A4Landscape: [number, number] = [A4[1], A4[0]];
export const ink = rgb(0.1, 0.1, 0.1);

/** Text and bordered tables flowing over A4 pages (議事録, 負担金の別表, 通知; the yearly plan in landscape). */
export class PdfWriter {
  page!: PDFPage;
  y = 0;
  constructor(
    private doc: PDFDocument,
    readonly font: PDFFont,
    readonly size: [number, number] = A4,
    readonly margin = 60,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(this.size);
    this.y = this.size[1] - this.margin;
  }
  ensure(height: number) {
    if (this.y - height < this.margin + 20) this.newPage();
  }
  /** Flowing text; `right` sets it flush right (a letter's date and sender). */
  text(text: string, o: { size?: number; indent?: number; gap?: number; center?: boolean; right?: boolean } = {}) {
    const size = o.size ?? 10.5;
    const indent = o.indent ?? 0;
    const [pageWidth] = this.size;
    for (const line of wrap(text, this.font, size, pageWidth - 2 * this.margin - indent)) {
      this.ensure(size * 1.7);
      this.y -= size * 1.7;
      const width = this.font.widthOfTextAtSize(line, size);
      const x = o.center ? (pageWidth - width) / 2 : o.right ? pageWidth - this.margin - width : this.margin + indent;
      this.page.drawText(line, { x, y: this.y, size, font: this.font, color: ink });
    }
    this.y -= o.gap ?? 0;
  }
  /**
   * A table with borders; a row never splits across pages, and the header rows (`headerRows`, default 1) repeat on a
   * new page. `weights` share the width among the columns (equal by default); `right` columns are right-aligned
   * (amounts), `center` columns centred.
   */
  table(
    rows: string[][],
    o: { size?: number; weights?: number[]; right?: number[]; center?: number[]; headerRows?: number } = {},
  ) {
    const margin = this.margin;
    const headerRows = o.headerRows ?? 1;
    const size = o.size ?? 9.5;
    const cols = Math.max(...rows.map((r) => r.length));
    const weights = o.weights ?? Array.from({ length: cols }, () => 1);
    const unit = (this.size[0] - 2 * margin) / weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => w * unit);
    const lefts = widths.map((_, i) => margin + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const layout = rows.map((r) => {
      const cells = Array.from({ length: cols }, (_, i) => wrap(r[i] ?? "", this.font, size, widths[i]! - 8));
      return { cells, height: Math.max(...cells.map((c) => c.length)) * size * 1.5 + 8 };
    });
    const drawRow = (row: (typeof layout)[number], head: boolean) => {
      const top = this.y;
      row.cells.forEach((lines, i) => {
        const x = lefts[i]!;
        const width = widths[i]!;
        this.page.drawRectangle({
          x,
          y: top - row.height,
          width,
          height: row.height,
          borderColor: ink,
          borderWidth: 0.6,
          color: head ? rgb(0.94, 0.94, 0.94) : undefined,
        });
        const right = !head && o.right?.includes(i);
        const center = o.center?.includes(i);
        for (const [j, l] of lines.entries())
          this.page.drawText(l, {
            x: right
              ? x + width - 4 - this.font.widthOfTextAtSize(l, size)
              : center
                ? x + (width - this.font.widthOfTextAtSize(l, size)) / 2
                : x + 4,
            y: top - 4 - (j + 1) * size * 1.5 + 3,
            size,
            font: this.font,
            color: ink,
          });
      });
      this.y = top - row.height;
    };
    layout.forEach((row, i) => {
      if (this.y - row.height < margin + 20) {
        this.newPage();
        if (i >= headerRows) for (const head of layout.slice(0, headerRows)) drawRow(head, true);
      }
      drawRow(row, i < headerRows);
    });
    this.y -= 8;
  }
}

/** 「n / N」 at the foot of every page. */
export function numberPages(doc: PDFDocument, font: PDFFont) {
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = `${i + 1} / ${pages.length}`;
    p.drawText(label, { x: (p.getWidth() - font.widthOfTextAtSize(label, 9)) / 2, y: 30, size: 9, font, color: ink });
  });
}
