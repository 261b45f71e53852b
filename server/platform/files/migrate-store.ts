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
 * Copies every blob of `from` into `to` (four at a time), each streamed and hashed on the way in, then
 * read back from `to` and hashed again: a copy counts only when its SHA-256 equals its name. Blobs
 * already there with their size are verified the same way. Finally every `files` row must find its
 * blob in `to`. Safe to run again and while the server runs (blobs never change).
 */
export async function migrateStore(
  db: Db,
  stores: { from: BlobStore; to: BlobStore },
  progress: (done: number) => void = () => {},
): Promise<StorageMigration> {
  await stores.from.check();
  await stores.to.check();
  const result: StorageMigration = {
    from: stores.from.location,
    to: stores.to.location,
    blobs: 0,
    copied: 0,
    present: 0,
    bytes: 0,
    verified: 0,
    missing: [],
  };
  const queue: { sha256: string; size: number }[] = [];
  for await (const b of stores.from.list()) queue.push(b);
  result.blobs = queue.length;
  const copyOne = async ({ sha256, size }: { sha256: string; size: number }) => {
    if ((await stores.to.size(sha256)) === size) result.present++;
    else {
      await stores.to.putStream(sha256, stores.from.open(sha256), size);
      result.copied++;
      result.bytes += size;
    }
    const got = await sha256Stream(stores.to.open(sha256));
    if (got !== sha256) throw new Error(`blob ${sha256} in ${stores.to.location} reads back with SHA-256 ${got}: not migrated`);
    result.verified++;
    progress(result.verified);
  };
  const workers = Array.from({ length: 4 }, async () => {
    for (let b = queue.shift(); b; b = queue.shift()) await copyOne(b);
  });
  await Promise.all(workers);
  const rows = await db.selectFrom("files").select("sha256").distinct().execute();
  for (const r of rows) if ((await stores.to.size(r.sha256)) === null) result.missing.push(r.sha256);
  return result;
}
