import type { Config } from "../../config.js";
import type { Db } from "../db/database.js";
import { sha256Stream } from "../ops/files.js";
import type { BlobStore } from "./blob.js";
import { storeFor } from "./store.js";

export interface StorageMigration {
  from: string;
  to: string;
  /** Blobs the source holds. */
  blobs: number;
  copied: number;
  /** Already in the destination with the right size (a second run copies only what is new). */
  present: number;
  bytes: number;
  /** Blobs whose copy was read back and hashed to their name. */
  verified: number;
  /** Rows whose blob neither store holds (the source was already missing them). */
  missing: string[];
}

/** The stores `renkei storage migrate --to` copies between, or what to set first. */
export function migrationStores(config: Config, to: "s3" | "local"): { from: BlobStore; to: BlobStore } {
  if (!config.s3)
    throw new Error("Set S3_BUCKET (and S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY as needed) first.");
  const local = storeFor({ kind: "local" }, config.dataDir);
  const s3 = storeFor(config.s3, config.dataDir);
  return to === "s3" ? { from: local, to: s3 } : { from: s3, to: local };
}

/**
 * Copies every blob of `from` into `to` with copyBlobs, then checks that every `files` row finds its
 * blob in `to`. Safe to run again and while the server runs (blobs never change).
 */
export async function migrateStore(
  db: Db,
  stores: { from: BlobStore; to: BlobStore },
  progress: (done: number) => void = () => {},
): Promise<StorageMigration> {
  await stores.from.check();
  await stores.to.check();
  const blobs: { sha256: string; size: number }[] = [];
  for await (const b of stores.from.list()) blobs.push(b);
  const copy = await copyBlobs(stores, blobs, progress);
  const missing: string[] = [];
  const rows = await db.selectFrom("files").select("sha256").distinct().execute();
  for (const r of rows) if ((await stores.to.size(r.sha256)) === null) missing.push(r.sha256);
  return { from: stores.from.location, to: stores.to.location, blobs: blobs.length, ...copy, missing };
}

export interface BlobCopy {
  copied: number;
  present: number;
  bytes: number;
  verified: number;
}

/**
 * Copies the given blobs of `from` into `to` (four at a time), each streamed and hashed on the way in, then
 * read back from `to` and hashed again: a copy counts only when its SHA-256 equals its name. Blobs already
 * there with their size are read and hashed too (a second run, or content another installation shares) and
 * copied again when damaged.
 * Used by `renkei storage migrate` and by `renkei restore` into an object store.
 */
export async function copyBlobs(
  stores: { from: BlobStore; to: BlobStore },
  blobs: readonly { sha256: string; size: number }[],
  progress: (done: number) => void = () => {},
): Promise<BlobCopy> {
  const result: BlobCopy = { copied: 0, present: 0, bytes: 0, verified: 0 };
  const queue = [...blobs];
  const copyOne = async ({ sha256, size }: { sha256: string; size: number }) => {
    // Already there with its size and its content: kept. Absent, or there but damaged: copied (again).
    if ((await stores.to.size(sha256)) === size && (await sha256Stream(stores.to.open(sha256))) === sha256) result.present++;
    else {
      await stores.to.putStream(sha256, stores.from.open(sha256), size);
      const got = await sha256Stream(stores.to.open(sha256));
      if (got !== sha256) throw new Error(`blob ${sha256} in ${stores.to.location} reads back with SHA-256 ${got}: not copied`);
      result.copied++;
      result.bytes += size;
    }
    result.verified++;
    progress(result.verified);
  };
  const workers = Array.from({ length: 4 }, async () => {
    for (let b = queue.shift(); b; b = queue.shift()) await copyOne(b);
  });
  await Promise.all(workers);
  return result;
}
