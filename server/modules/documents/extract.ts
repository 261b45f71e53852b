import yauzl from "yauzl";
import { checkArchive } from "../../platform/files/archive.js";
import { decodeText } from "../../platform/files/text.js";
import { runInWorker, workerModule } from "../../platform/files/worker.js";

const officeParts: Record<string, RegExp> = {
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
    /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/,
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/,
  "application/vnd.openxmlformats-officedocument.presentationml.presentation":
    /^ppt\/(slides\/slide\d+|notesSlides\/notesSlide\d+)\.xml$/,
};

/** Characters kept for search; a 50 MB spreadsheet should not become a 50 MB index row. */
const maxChars = 200_000;
/** Bytes of XML read from one Office file at most (zip bombs expand far beyond their size). */
const maxXmlBytes = 30 * 1024 * 1024;

/**
 * The searchable text of an uploaded file: PDF text through unpdf, Word/Excel/PowerPoint by reading
 * the XML parts inside the zip and stripping the tags, plain text through the one decoder. Null when
 * the kind has no text (images, legacy binary Office files). Office files are held to the archive
 * budgets first, and the parsing runs in a worker thread with memory limits. Throws on a damaged or
 * oversized file; callers record that and move on.
 */
export async function extractText(bytes: Buffer, mime: string): Promise<string | null> {
  if (officeParts[mime]) await checkArchive(bytes);
  if (mime !== "application/pdf" && !officeParts[mime]) return extractTextHere(bytes, mime);
  return runInWorker<string | null>(workerModule(import.meta.url, "extract"), "extractTextHere", [bytes, mime]);
}

/**
 * Runs in the worker thread (PDF and Office), or in place for plain text.
 * @public Called by name in the file worker (`runInWorker` above), which no import shows.
 */
export async function extractTextHere(input: Uint8Array, mime: string): Promise<string | null> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.length);
  if (mime === "application/pdf") return (await pdfText(bytes)).slice(0, maxChars);
  if (officeParts[mime]) return (await officeText(bytes, officeParts[mime])).slice(0, maxChars);
  if (mime === "text/plain" || mime === "text/csv") {
    try {
      return decodeText(bytes).text.slice(0, maxChars);
    } catch {
      return null; // neither UTF-8 nor Shift_JIS: nothing trustworthy to index
    }
  }
  return null;
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { extractText: unpdfText, getDocumentProxy } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { text } = await unpdfText(pdf, { mergePages: true });
    return text;
  } finally {
    await pdf.destroy();
  }
}

/** Tags out, paragraph and cell ends as spaces or line breaks, the five XML entities decoded. */
export function xmlToText(xml: string): string {
  return xml
    .replace(/<\/(w:p|a:p|si|c|row)>/g, "\n")
    .replace(/<(w:tab|w:br)\b[^>]*\/>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
      const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
      if (named[e]) return named[e];
      const code = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : " ";
    })
    .replace(/[^\S\n]+/g, " ")
    .replace(/\n\s*/g, "\n")
    .trim();
}

function officeText(bytes: Buffer, parts: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("not a zip"));
      const texts: { name: string; text: string }[] = [];
      let budget = maxXmlBytes;
      zip.on("error", reject);
      zip.on("end", () =>
        resolve(
          texts
            .sort((a, b) => naturalOrder(a.name, b.name))
            .map((t) => t.text)
            .join("\n"),
        ),
      );
      zip.on("entry", (entry: yauzl.Entry) => {
        if (!parts.test(entry.fileName) || entry.uncompressedSize > budget) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error("unreadable entry"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => {
            budget -= c.length;
            if (budget < 0) stream.destroy(new Error("Office file expands too far"));
            else chunks.push(c);
          });
          stream.on("error", reject);
          stream.on("end", () => {
            texts.push({ name: entry.fileName, text: xmlToText(Buffer.concat(chunks).toString("utf8")) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** slide2 before slide10. */
const naturalOrder = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
