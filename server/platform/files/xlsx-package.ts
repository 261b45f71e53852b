import yauzl from "yauzl";
import yazl from "yazl";
import { AppError } from "../errors.js";

/**
 * An XLSX as its ZIP parts, for reading what exceljs drops (formulas as written, data validation
 * lists, merged ranges, number formats, hidden sheets) and for writing single cells into someone
 * else's workbook without re-serialising it: every part we do not edit is copied byte for byte.
 * Call `checkArchive` (archive.ts) on untrusted bytes first.
 */
export interface XlsxPackage {
  /** Part name → bytes, in the order of the original archive. */
  parts: Map<string, Buffer>;
}

const unreadable = (file?: string) =>
  new AppError(
    "VALIDATION_FAILED",
    `${file ? `「${file}」は` : "ファイルは"}XLSX ファイルとして読めません。Excel で開けるか確かめてください。`,
  );

/** Every file entry of a ZIP, in archive order (budgets are the caller's: `checkArchive`). */
export async function readZipEntries(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on("error", reject);
      zip.on("end", resolve);
      zip.on("entry", (e: yauzl.Entry) => {
        if (e.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            parts.set(e.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
  return parts;
}

export async function openPackage(bytes: Uint8Array, file?: string): Promise<XlsxPackage> {
  let parts: Map<string, Buffer>;
  try {
    parts = await readZipEntries(bytes);
  } catch {
    throw unreadable(file);
  }
  if (!parts.has("xl/workbook.xml")) throw unreadable(file);
  return { parts };
}

/** The archive again, parts in their original order; `[Content_Types].xml` stays first as Office expects. */
export function savePackage(pkg: XlsxPackage): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.UTC(1980, 0, 1));
  for (const [name, data] of pkg.parts) zip.addBuffer(data, name, { mtime, compress: true });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

export const partText = (pkg: XlsxPackage, name: string) => pkg.parts.get(name)?.toString("utf8") ?? "";

/* ---------- XML helpers (the parts are machine-written SpreadsheetML; no DTDs, no CDATA) ---------- */

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
export const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))) : entities[e]!,
  );
export const escapeXml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Characters XML 1.0 cannot carry at all.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]!] = unescapeXml(m[2]!);
  return out;
}

/** The text of an `<si>` or `<is>`: its `<t>` runs, without phonetic guides (`<rPh>` furigana). */
export const richText = (xml: string) =>
  [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)]
    .map((m) => unescapeXml(m[1]!))
    .join("");

/* ---------- cell addresses ---------- */

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
export function colLetters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
export function splitRef(ref: string): { col: number; row: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad cell reference ${ref}`);
  return { col: colNumber(m[1]!), row: Number(m[2]) };
}
export const cellRef = (col: number, row: number) => `${colLetters(col)}${row}`;

/** "A1:C3" (or "B2") → its corners. */
export function rangeOf(ref: string): { c1: number; r1: number; c2: number; r2: number } {
  const [a, b = a] = ref.split(":") as [string, string?];
  const s = splitRef(a);
  const e = splitRef(b!);
  return { c1: s.col, r1: s.row, c2: e.col, r2: e.row };
}
