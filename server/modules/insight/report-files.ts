import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { PDFDocument } from "pdf-lib";
import { barChartPng, chartHeight, drawBarChart } from "../../platform/files/chart.js";
import { loadJapaneseFont, numberPages, PdfWriter } from "../../platform/files/pdf.js";
import { fontkit } from "../../platform/lazy-libs.js";
import type { ReportBlock } from "./report-blocks.js";

/** The annual report's blocks (report-blocks.ts) laid out as PDF (A4, Noto Sans JP subset) and as Word (DOCX). */

export async function reportPdf(title: string, blocks: ReportBlock[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  const font = await doc.embedFont(loadJapaneseFont(), { subset: true });
  doc.setTitle(title);
  doc.setLanguage("ja");
  const w = new PdfWriter(doc, font);
  for (const b of blocks) {
    if (b.kind === "title") {
      w.y -= 12;
      w.text(b.text, { size: 15, center: true, gap: 14 });
    } else if (b.kind === "right") w.text(b.text, { right: true, size: 10 });
    else if (b.kind === "heading") {
      w.ensure(90); // a heading never stands alone at the foot of a page
      w.y -= 6;
      w.text(b.text, { size: 12.5, gap: 4 });
    } else if (b.kind === "subheading") {
      w.ensure(70);
      w.text(b.text, { size: 11, indent: 10, gap: 2 });
    } else if (b.kind === "paragraph") w.text(`　${b.text}`, { indent: 10, gap: 6 });
    else if (b.kind === "table") w.table(b.rows, { weights: b.weights, right: b.right });
    else {
      const width = w.size[0] - 2 * w.margin;
      const height = chartHeight(b.chart);
      w.ensure(height + 24);
      drawBarChart(w.page, font, b.chart, w.margin, w.y - 4, width);
      w.y -= height + 4;
      w.text(b.caption, { size: 9, center: true, gap: 10 });
    }
  }
  numberPages(doc, font);
  return doc.save();
}

const run = (text: string, o: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text, bold: o.bold, size: o.size ?? 21, font: { eastAsia: "游明朝", ascii: "Century" } });
/** A cell's or paragraph's text, each line its own break. */
const lines = (text: string, o: { bold?: boolean; size?: number } = {}) =>
  text.split("\n").map((l, i) => new TextRun({ text: l, break: i ? 1 : 0, bold: o.bold, size: o.size ?? 21 }));

export async function reportDocx(title: string, blocks: ReportBlock[]): Promise<Buffer> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: "333333" };
  const children: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.kind === "title")
      children.push(
        new Paragraph({
          heading: HeadingLevel.TITLE,
          alignment: AlignmentType.CENTER,
          spacing: { before: 240, after: 240 },
          children: [run(b.text, { bold: true, size: 28 })],
        }),
      );
    else if (b.kind === "right") children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(b.text)] }));
    else if (b.kind === "heading")
      children.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          spacing: { before: 240, after: 80 },
          keepNext: true,
          children: [run(b.text, { bold: true, size: 24 })],
        }),
      );
    else if (b.kind === "subheading")
      children.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_2,
          keepNext: true,
          indent: { left: 210 },
          children: [run(b.text, { bold: true })],
        }),
      );
    else if (b.kind === "paragraph")
      children.push(new Paragraph({ indent: { left: 210, firstLine: 210 }, spacing: { after: 120 }, children: [run(b.text)] }));
    else if (b.kind === "table") {
      const total = b.weights.reduce((s, x) => s + x, 0);
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          columnWidths: b.weights.map((x) => Math.round((x / total) * 9070)),
          borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
          rows: b.rows.map(
            (r, i) =>
              new TableRow({
                tableHeader: i === 0,
                cantSplit: true,
                children: r.map(
                  (c, j) =>
                    new TableCell({
                      shading: i === 0 ? { fill: "EFEFEF" } : undefined,
                      children: [
                        new Paragraph({
                          alignment: i > 0 && b.right?.includes(j) ? AlignmentType.RIGHT : AlignmentType.LEFT,
                          children: lines(c, { bold: i === 0, size: 19 }),
                        }),
                      ],
                    }),
                ),
              }),
          ),
        }),
        new Paragraph({ children: [] }),
      );
    } else {
      const { png, width, height } = await barChartPng(b.chart);
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [
            new ImageRun({
              type: "png",
              data: png,
              transformation: { width, height },
              altText: { name: b.caption, title: b.caption, description: b.caption },
            }),
          ],
        }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 160 }, children: [run(b.caption, { size: 18 })] }),
      );
    }
  }
  const doc = new Document({
    title,
    styles: { default: { document: { run: { font: { eastAsia: "游明朝", ascii: "Century" } } } } },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT, " / ", PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
