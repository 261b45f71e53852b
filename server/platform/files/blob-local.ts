import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { newId } from "../context.js";
import { listBlobs } from "../ops/files.js";
import { BlobMissingError, type BlobStore, lazyReadable, StoreUnavailable } from "./blob.js";

export const uploadTempPrefix = ".upload-";

/** Flushes a file's bytes (or a folder's entries) to the disk. */
function fsyncPath(p: string) {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === "ENOENT";

/** Blobs under `DATA_DIR/files/ab/<sha256>`. */
export class LocalBlobStore implements BlobStore {
  readonly kind = "local" as const;
  readonly location: string;

  constructor(dataDir: string) {
    this.location = path.join(dataDir, "files");
  }

  path(sha256: string) {
    return path.join(this.location, sha256.slice(0, 2), sha256);
  }

  /**
   * Moves a written temporary file to its content address durably: the bytes are fsynced, renamed, and
   * the folder entry fsynced, all before the caller inserts the row that points to the blob. A blob that
   * is already there with the right size is kept (a blob is never half-written under its final name).
   */
  async putFile(sha256: string, tmp: string, size: number) {
    const dest = this.path(sha256);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (fs.existsSync(dest) && fs.statSync(dest).size === size) {
      fs.rmSync(tmp);
      return;
    }
    fsyncPath(tmp);
    fs.renameSync(tmp, dest);
    fsyncPath(path.dirname(dest));
  }

  async putStream(sha256: string, body: Readable, size: number) {
    fs.mkdirSync(this.location, { recursive: true });
    const tmp = path.join(this.location, `${uploadTempPrefix}${newId()}`);
    const hash = createHash("sha256");
    let bytes = 0;
    try {
      const tap = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          bytes += chunk.length;
          cb(null, chunk);
        },
      });
      await pipeline(body, tap, fs.createWriteStream(tmp));
      const got = hash.digest("hex");
      if (got !== sha256 || bytes !== size)
        throw new Error(`blob ${sha256}: the bytes read (${bytes} bytes, SHA-256 ${got}) differ from its name and size ${size}`);
      await this.putFile(sha256, tmp, size);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  open(sha256: string): Readable {
    return lazyReadable(async () => {
      try {
        const fh = await fs.promises.open(this.path(sha256), "r");
        return fh.createReadStream();
      } catch (err) {
        throw isMissing(err) ? new BlobMissingError(sha256, this.location) : err;
      }
    });
  }

  async read(sha256: string) {
    try {
      return await fs.promises.readFile(this.path(sha256));
    } catch (err) {
      throw isMissing(err) ? new BlobMissingError(sha256, this.location) : err;
    }
  }

  async size(sha256: string) {
    try {
      return (await fs.promises.stat(this.path(sha256))).size;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async *list() {
    for (const [sha256, p] of listBlobs(this.location).blobs) yield { sha256, size: fs.statSync(p).size };
  }

  async remove(sha256: string) {
    fs.rmSync(this.path(sha256), { force: true });
  }

  async check() {
    try {
      fs.mkdirSync(this.location, { recursive: true });
      fs.accessSync(this.location, fs.constants.W_OK);
    } catch (err) {
      throw new StoreUnavailable(
        `DATA_DIR: the files folder ${this.location} cannot be written (${(err as Error).message}); give the server's user write access to it`,
      );
    }
  }

  /**
   * Removes temporary upload files left by a process that stopped mid-upload. Only files older than an
   * hour go, so another instance sharing the data folder keeps its uploads in progress. Called at start.
   */
  removeLeftoverUploads(olderThanMs = 3600_000): number {
    if (!fs.existsSync(this.location)) return 0;
    let removed = 0;
    for (const name of fs.readdirSync(this.location)) {
      if (!name.startsWith(uploadTempPrefix)) continue;
      const file = path.join(this.location, name);
      if (Date.now() - fs.statSync(file).mtimeMs < olderThanMs) continue;
      fs.rmSync(file, { force: true });
      removed++;
    }
    return removed;
  }
}
