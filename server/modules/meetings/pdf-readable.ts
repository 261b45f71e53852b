import { EncryptedPDFError, PDFDocument } from "pdf-lib";

export type Readable = { doc: PDFDocument } | { reason: string };

const notIncluded = {
  notPdf: "PDF以外のため本冊子には含まれません。個別にダウンロードしてください",
  password: "閲覧用パスワードで保護されているため本冊子には含まれません。個別にダウンロードしてください",
  damaged: "PDFを読み込めなかったため本冊子には含まれません。個別にダウンロードしてください",
};

/**
 * A material's PDF, ready to copy into the pack, or why it cannot be included. A PDF protected only by an
 * owner password (no open password, as ministries often send: printing allowed, editing forbidden) is
 * opened with MuPDF and written again without encryption; pdf-lib alone would copy its still-encrypted
 * content streams and show blank pages. MuPDF also repairs a damaged cross-reference table.
 */
/** Loads a PDF and walks its page tree, so that a file with a header but no pages fails here, not while the pack is laid out. */
async function open(bytes: Uint8Array): Promise<PDFDocument> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  if (doc.getPageCount() === 0) throw new Error("no pages");
  return doc;
}

export async function readablePdf(mime: string, bytes: () => Buffer | Promise<Buffer>): Promise<Readable> {
  if (mime !== "application/pdf") return { reason: notIncluded.notPdf };
  const src = await bytes();
  try {
    return { doc: await open(src) };
  } catch (e) {
    const repaired = await throughMupdf(src);
    if ("reason" in repaired) return repaired;
    try {
      return { doc: await open(repaired.bytes) };
    } catch {
      return { reason: e instanceof EncryptedPDFError ? notIncluded.password : notIncluded.damaged };
    }
  }
}

async function throughMupdf(src: Buffer): Promise<{ bytes: Uint8Array } | { reason: string }> {
  const mupdf = await import("mupdf");
  let doc: InstanceType<typeof mupdf.Document> | null = null;
  try {
    doc = mupdf.Document.openDocument(src, "application/pdf");
    if (doc.needsPassword() && !doc.authenticatePassword("")) return { reason: notIncluded.password };
    const pdf = doc.asPDF();
    if (!pdf || doc.countPages() === 0) return { reason: notIncluded.damaged };
    return { bytes: pdf.saveToBuffer("encrypt=none").asUint8Array().slice() };
  } catch {
    return { reason: notIncluded.damaged };
  } finally {
    doc?.destroy();
  }
}
