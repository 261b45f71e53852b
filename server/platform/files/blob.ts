import { Readable } from "node:stream";
import type { FileStoreConfig } from "../../config.js";
import { AppError } from "../errors.js";

/**
 * Where the bytes of stored files live, addressed by their SHA-256. Two implementations: the data
 * folder (`DATA_DIR/files/ab/<sha256>`, the default) and an S3-compatible object store. A blob is
 * stored before the row that points to it commits and is never changed afterwards.
 */
export interface BlobStore {
  readonly kind: FileStoreConfig["kind"];
  /** Where the blobs are, for messages ("/srv/renkei/files", "s3://bucket/prefix"). */
  readonly location: string;
  /**
   * Stores a finished temporary file whose SHA-256 and size the caller computed, durably, before the
   * caller inserts the row. The temporary file is consumed (moved or removed).
   */
  putFile(sha256: string, tmpFile: string, size: number): Promise<void>;
  /** Stores bytes streamed from elsewhere (storage migration), refusing them when their SHA-256 is not `sha256`. */
  putStream(sha256: string, body: Readable, size: number): Promise<void>;
  /** A stream of the blob; it starts reading on the first read and fails with BlobMissingError when absent. */
  open(sha256: string): Readable;
  read(sha256: string): Promise<Buffer>;
  /** The stored size, or null when the blob is absent. */
  size(sha256: string): Promise<number | null>;
  /** Every blob in the store, with its size. */
  list(): AsyncIterable<{ sha256: string; size: number }>;
  /** Removes a blob (tests, and a migration's refused copy). */
  remove(sha256: string): Promise<void>;
  /** Proves the store is reachable and writable; throws StoreUnavailable saying what to fix. */
  check(): Promise<void>;
}

export const blobName = /^[0-9a-f]{64}$/;

/** A row points to a blob the store does not have: logged with the blob's name, answered as a 500 the clerk can report. */
export class BlobMissingError extends AppError {
  constructor(
    readonly sha256: string,
    readonly location: string,
  ) {
    super("INTERNAL", "ファイルの本体が保存先に見つかりません。お手数ですが管理者にお知らせください。");
  }
}

/** The configured store cannot be used; `message` says what to fix. */
export class StoreUnavailable extends Error {}

/**
 * A readable that calls `source` only when first read: a ZIP of a hundred files opens one blob at a
 * time, and an absent blob is an error event (never a throw in the caller).
 */
export function lazyReadable(source: () => Promise<Readable>): Readable {
  let inner: Readable | null = null;
  const out = new Readable({
    read() {
      if (inner) {
        inner.resume();
        return;
      }
      source().then(
        (s) => {
          inner = s;
          s.on("data", (chunk: Buffer) => {
            if (!out.push(chunk)) s.pause();
          });
          s.once("end", () => out.push(null));
          s.once("error", (err) => out.destroy(err));
        },
        (err: Error) => out.destroy(err),
      );
    },
    destroy(err, cb) {
      inner?.destroy();
      cb(err);
    },
  });
  return out;
}

/** Reads a stream whole (for the callers that need the bytes: text extraction, workbook relay). */
export async function streamToBuffer(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
