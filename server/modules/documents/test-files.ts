import fs from "node:fs";
import { PDFDocument } from "pdf-lib";
import yazl from "yazl";
import { fontkit } from "../../platform/lazy-libs.js";

/** Real files for tests and the benchmark: a Japanese PDF drawn with the bundled font, Office-like zips. */
const fontPath = "node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf";

export async function japanesePdf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  const font = await doc.embedFont(fs.readFileSync(fontPath), { subset: true });
  const page = doc.addPage([595, 842]);
  for (const [i, line] of lines.entries()) page.drawText(line, { x: 50, y: 780 - i * 24, size: 14, font });
  return Buffer.from(await doc.save());
}

export function officeZip(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** The smallest PDF file-type recognises (by its header): for tests that need a PDF, not its pages. */
export const minimalPdf = (text = "plan") =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
