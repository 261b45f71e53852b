import { AlignmentType, ImageRun, Paragraph, type Table } from "docx";
import { PDFDocument } from "pdf-lib";
import { barChartPng, chartHeight, drawBarChart } from "../../platform/files/chart.js";
import { docxFile, docxHeading, docxRun, docxTable } from "../../platform/files/docx-styles.js";
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

export async function reportDocx(title: string, blocks: ReportBlock[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.kind === "title") children.push(docxHeading("title", b.text, { size: 28, spacing: { before: 240, after: 240 } }));
    else if (b.kind === "right") children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [docxRun(b.text)] }));
    else if (b.kind === "heading") children.push(docxHeading(1, b.text, { size: 24, spacing: { before: 240, after: 80 } }));
    else if (b.kind === "subheading") children.push(docxHeading(2, b.text, { indent: 210 }));
    else if (b.kind === "paragraph")
      children.push(
        new Paragraph({ indent: { left: 210, firstLine: 210 }, spacing: { after: 120 }, children: [docxRun(b.text)] }),
      );
    else if (b.kind === "table")
      children.push(
        docxTable(b.rows, { weights: b.weights, right: b.right, size: 19, headerFill: "EFEFEF" }),
        new Paragraph({ children: [] }),
      );
    else {
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
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 160 }, children: [docxRun(b.caption, { size: 18 })] }),
      );
    }
  }
  return docxFile(title, children);
}
