import type { Readable } from "node:stream";
import yauzl from "yauzl";
import yazl from "yazl";
import { AppError } from "../errors.js";

/**
 * Budgets for every input that is a ZIP inside (XLSX, DOCX, PPTX, ODS, uploaded ZIP), checked
 * before anything parses it: the number of entries, the uncompressed size the archive declares,
 * and the size it really inflates to (a zip bomb can lie in its headers). Inflating runs on
 * zlib's thread pool, a chunk at a time, and stops at the budget.
 */
export interface ArchiveBudget {
  maxEntries: number;
  maxTotalBytes: number;
}

const defaultArchiveBudget: ArchiveBudget = { maxEntries: 10_000, maxTotalBytes: 256 * 1024 * 1024 };

const mb = (n: number) => `${Math.floor(n / 1024 / 1024)}MB`;

const tooBig = (file: string | undefined, what: string) =>
  new AppError(
    "PAYLOAD_TOO_LARGE",
    `${file ? `「${file}」は` : ""}展開すると${what}ため、受け付けられません。不要なシートや画像を減らすか、ファイルを分けてください。`,
    file ? { file } : undefined,
  );

const damaged = (file: string | undefined) =>
  new AppError(
    "VALIDATION_FAILED",
    `${file ? `「${file}」は` : "ファイルは"}壊れているため読めません。元のアプリで開けるか確かめ、保存し直してください。`,
    file ? { file } : undefined,
  );

function openZip(source: Buffer | string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) => (err || !zip ? reject(err ?? new Error("not a zip")) : resolve(zip));
    const opts = { lazyEntries: true, autoClose: false, validateEntrySizes: true };
    if (typeof source === "string") yauzl.open(source, opts, done);
    else yauzl.fromBuffer(source, opts, done);
  });
}

/** Checks an archive (bytes, or a file path) against the budgets; throws a 4xx AppError when it is over or broken. */
export async function checkArchive(
  source: Buffer | string,
  file?: string,
  budget: ArchiveBudget = defaultArchiveBudget,
): Promise<{ entries: number; bytes: number }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(source);
  } catch {
    throw damaged(file);
  }
  if (zip.entryCount > budget.maxEntries) {
    zip.close();
    throw tooBig(file, `${budget.maxEntries.toLocaleString("ja-JP")}個を超えるファイルになる`);
  }
  const entries: yauzl.Entry[] = [];
  let declared = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", resolve);
      zip.on("entry", (e: yauzl.Entry) => {
        entries.push(e);
        declared += e.uncompressedSize;
        if (declared > budget.maxTotalBytes) return reject(tooBig(file, `${mb(budget.maxTotalBytes)}を超える`));
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    throw err instanceof AppError ? err : damaged(file);
  }
  // The real sizes: inflate every entry, counting, and stop as soon as the total passes the budget.
  let actual = 0;
  try {
    for (const e of entries) {
      if (e.fileName.endsWith("/")) continue;
      await new Promise<void>((resolve, reject) => {
        zip.openReadStream(e, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error("unreadable entry"));
          stream.on("data", (c: Buffer) => {
            actual += c.length;
            if (actual > budget.maxTotalBytes) stream.destroy(tooBig(file, `${mb(budget.maxTotalBytes)}を超える`));
          });
          stream.on("error", reject);
          stream.on("end", resolve);
        });
      });
    }
  } catch (err) {
    throw err instanceof AppError ? err : damaged(file);
  } finally {
    zip.close();
  }
  return { entries: entries.length, bytes: actual };
}

/** One entry of a ZIP the server writes: bytes it made, or a stored blob streamed from the blob store. */
export type ZipEntry = { name: string; data: Buffer | string } | { name: string; stream: Readable; compress?: boolean };

/** Writes a ZIP (UTF-8 names) as a stream; blobs are streamed one after the other, text is compressed. */
export function zipStream(entries: ZipEntry[]): NodeJS.ReadableStream {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if ("stream" in e) zip.addReadStream(e.stream, e.name, { compress: e.compress ?? true });
    else zip.addBuffer(Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, "utf8"), e.name);
  }
  zip.end();
  return zip.outputStream;
}
