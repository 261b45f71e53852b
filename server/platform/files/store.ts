import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Config, FileStoreConfig } from "../../config.js";
import { type Ctx, newId, nowIso } from "../context.js";
import type { FilesTable } from "../db/schema.js";
import { AppError } from "../errors.js";
import { checkArchive } from "./archive.js";
import type { BlobStore } from "./blob.js";
import { LocalBlobStore, uploadTempPrefix } from "./blob-local.js";
import { S3BlobStore } from "./blob-s3.js";
import { type FileKind, fileKinds } from "./types.js";

export type StoredFile = FilesTable;

/** The kinds that are a ZIP inside. */
const archiveMimes = new Set<string>([
  "application/zip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.presentation",
]);

const stores = new WeakMap<Config, BlobStore>();

/** The one blob store of a configuration (for S3: one client and its connection pool per process). */
export function blobStore(config: Config): BlobStore {
  let store = stores.get(config);
  if (!store) {
    store = storeFor(config.fileStore, config.dataDir);
    stores.set(config, store);
  }
  return store;
}

export const storeFor = (fc: FileStoreConfig, dataDir: string): BlobStore =>
  fc.kind === "s3" ? new S3BlobStore(fc) : new LocalBlobStore(dataDir);

/** Uploads are written and checked in a temporary file in the data folder first, whatever the store. */
const filesDir = (ctx: Ctx) => path.join(ctx.config.dataDir, "files");
const tempPath = (ctx: Ctx) => path.join(filesDir(ctx), `${uploadTempPrefix}${newId()}`);

/** Removes temporary upload files older than an hour left by a stopped process (called at start). */
export const removeLeftoverUploads = (dataDir: string, olderThanMs?: number) =>
  new LocalBlobStore(dataDir).removeLeftoverUploads(olderThanMs);

const textExtensions: Record<string, string> = { ".txt": "text/plain", ".csv": "text/csv", ".md": "text/plain" };

/** Detects the real type: magic bytes first; plain text only for text extensions whose bytes are valid UTF-8 or Shift_JIS-ish text. */
async function detectMime(file: string, name: string): Promise<string | null> {
  const { fileTypeFromFile } = await import("file-type"); // loaded on the first upload, not at start
  const found = await fileTypeFromFile(file);
  if (found) return found.mime;
  const ext = path.extname(name).toLowerCase();
  if (!textExtensions[ext]) return null;
  const head = fs.readFileSync(file).subarray(0, 8192);
  return head.includes(0) ? null : textExtensions[ext]!;
}

export interface UploadRules {
  kinds: FileKind[];
  maxBytes?: number;
}

const limitMessage = (max: number) => `ファイルが大きすぎます。${Math.floor(max / 1024 / 1024)}MB以下のファイルにしてください。`;

/**
 * Streams an upload to disk while hashing it, checks size and real type, and stores it
 * content-addressed (identical files share one blob). Writes the `files` row in ctx's transaction.
 */
export async function storeUpload(
  ctx: Ctx,
  upload: { filename: string; stream: Readable & { truncated?: boolean } },
  rules: UploadRules,
): Promise<StoredFile> {
  const max = Math.min(rules.maxBytes ?? ctx.config.uploadMaxBytes, ctx.config.uploadMaxBytes);
  fs.mkdirSync(filesDir(ctx), { recursive: true });
  const tmp = tempPath(ctx);
  const hash = createHash("sha256");
  let size = 0;
  try {
    upload.stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      hash.update(chunk);
    });
    await pipeline(upload.stream, fs.createWriteStream(tmp));
    if (upload.stream.truncated || size > max)
      throw new AppError("PAYLOAD_TOO_LARGE", limitMessage(max), { file: upload.filename });
    if (size === 0) throw new AppError("VALIDATION_FAILED", "空のファイルはアップロードできません。", { file: upload.filename });
    const mime = await detectMime(tmp, upload.filename);
    const allowed = rules.kinds.flatMap((k) => [...fileKinds[k].mimes]) as string[];
    if (!mime || !allowed.includes(mime)) {
      throw new AppError(
        "UNSUPPORTED_MEDIA_TYPE",
        `このファイル形式はアップロードできません（${upload.filename}）。使える形式：${rules.kinds.map((k) => fileKinds[k].label).join("、")}。`,
        { file: upload.filename },
      );
    }
    // Archives (Office files, ODS, ZIP) are held to their budgets before anything unpacks them.
    if (archiveMimes.has(mime)) await checkArchive(tmp, sanitizeName(upload.filename));
    const sha256 = hash.digest("hex");
    await blobStore(ctx.config).putFile(sha256, tmp, size);
    return await insertFileRow(ctx, { sha256, size, mime, name: sanitizeName(upload.filename) });
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Stores bytes produced by the server itself (exports, generated PDFs, seeds). */
export async function storeBuffer(ctx: Ctx, name: string, mime: string, data: Buffer): Promise<StoredFile> {
  const sha256 = createHash("sha256").update(data).digest("hex");
  fs.mkdirSync(filesDir(ctx), { recursive: true });
  const tmp = tempPath(ctx);
  try {
    fs.writeFileSync(tmp, data);
    await blobStore(ctx.config).putFile(sha256, tmp, data.length);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return insertFileRow(ctx, { sha256, size: data.length, mime, name: sanitizeName(name) });
}

async function insertFileRow(ctx: Ctx, f: { sha256: string; size: number; mime: string; name: string }): Promise<StoredFile> {
  const row: StoredFile = { id: newId(), ...f, created_by: ctx.actor?.userId ?? null, created_at: nowIso() };
  await ctx.db.insertInto("files").values(row).execute();
  return row;
}

/** Keeps the name a person gave, minus path parts and control characters. */
// biome-ignore lint/complexity/useRegexLiterals: a literal would need raw control characters in the source.
const unsafeInName = new RegExp('[\\u0000-\\u001f\\u007f"]', "g");
const sanitizeName = (name: string) =>
  (path.basename(name.replaceAll("\\", "/")) || "file").replace(unsafeInName, "").slice(0, 200);

export const findFile = (ctx: Ctx, id: string) => ctx.db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst();

/** A stored file's bytes, whole (for parsers); downloads and ZIPs stream with openFileStream. */
export const readFileBytes = (ctx: Pick<Ctx, "config">, f: Pick<StoredFile, "sha256">) => blobStore(ctx.config).read(f.sha256);
/** A stream of a stored file that opens the blob on its first read; an absent blob is a BlobMissingError event. */
export const openFileStream = (ctx: Pick<Ctx, "config">, f: Pick<StoredFile, "sha256">) => blobStore(ctx.config).open(f.sha256);
