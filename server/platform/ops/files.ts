import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";

const blobName = /^[0-9a-f]{64}$/;
const shardName = /^[0-9a-f]{2}$/;

/** The SHA-256 of a file, read in chunks. */
export function sha256File(file: string): string {
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

/** The SHA-256 of a stream. */
export async function sha256Stream(src: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of src) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Copies a file, hashing the bytes as they pass, and flushes the copy to disk (fsync) before
 * returning: a backup or restore that says it finished is on the disk. Returns size and SHA-256.
 */
export function copyDurably(src: string, dest: string): { bytes: number; sha256: string } {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const hash = createHash("sha256");
  const input = fs.openSync(src, "r");
  const output = fs.openSync(dest, "wx");
  let bytes = 0;
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = fs.readSync(input, buf); n > 0; n = fs.readSync(input, buf)) {
      hash.update(buf.subarray(0, n));
      fs.writeSync(output, buf, 0, n);
      bytes += n;
    }
    fs.fsyncSync(output);
  } finally {
    fs.closeSync(input);
    fs.closeSync(output);
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Like copyDurably, from a stream (a blob in the object store). */
export async function copyStreamDurably(src: Readable, dest: string): Promise<{ bytes: number; sha256: string }> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const hash = createHash("sha256");
  const out = await fs.promises.open(dest, "wx");
  let bytes = 0;
  try {
    for await (const chunk of src) {
      hash.update(chunk as Buffer);
      await out.write(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Writes a small file and flushes it (the manifest, the last thing a backup writes). */
export function writeDurably(file: string, data: string): void {
  const fd = fs.openSync(file, "wx");
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries (new names, renames) to disk. */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface BlobListing {
  /** sha256 → path of every content-addressed blob under the folder. */
  blobs: Map<string, string>;
  /** Anything else found there (not a blob name, or a blob in the wrong shard folder). */
  strays: string[];
}

/** The blobs stored under a files folder (`ab/<sha256>`); upload temp files (`.upload-*`) are skipped. */
export function listBlobs(filesDir: string): BlobListing {
  const blobs = new Map<string, string>();
  const strays: string[] = [];
  if (!fs.existsSync(filesDir)) return { blobs, strays };
  for (const shard of fs.readdirSync(filesDir, { withFileTypes: true })) {
    if (shard.name.startsWith(".upload-")) continue;
    const shardPath = path.join(filesDir, shard.name);
    if (!shard.isDirectory() || !shardName.test(shard.name)) {
      strays.push(shardPath);
      continue;
    }
    for (const f of fs.readdirSync(shardPath, { withFileTypes: true })) {
      const p = path.join(shardPath, f.name);
      if (f.isFile() && blobName.test(f.name) && f.name.startsWith(shard.name)) blobs.set(f.name, p);
      else strays.push(p);
    }
  }
  return { blobs, strays };
}

/** True when the folder does not exist or holds nothing. */
export const isEmptyDir = (dir: string) => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
