import { createHash } from "node:crypto";
import fs from "node:fs";
import { PassThrough, type Readable, Transform } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import type { S3StoreConfig as S3Config } from "../../config.js";
import { BlobMissingError, type BlobStore, blobName, lazyReadable, StoreUnavailable, streamToBuffer } from "./blob.js";

type Sdk = typeof import("@aws-sdk/client-s3");

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}
const status = (err: unknown) => (err as SdkError).$metadata?.httpStatusCode;
const isMissing = (err: unknown) => status(err) === 404 || ["NoSuchKey", "NotFound"].includes((err as SdkError).name ?? "");

/**
 * Blobs as objects `<S3_PREFIX>ab/<sha256>` in an S3-compatible bucket. The SDK is loaded on first
 * use, so an installation on the local folder never loads it. Uploads stream from the checked
 * temporary file through lib-storage's Upload (multipart for large files, a few parts in memory at most).
 */
export class S3BlobStore implements BlobStore {
  readonly kind = "s3" as const;
  readonly location: string;
  private sdk: Promise<{ sdk: Sdk; client: S3Client }> | null = null;

  constructor(private readonly c: S3Config) {
    this.location = `s3://${c.bucket}/${c.prefix}${c.endpoint ? ` at ${c.endpoint}` : ""}`;
  }

  private client() {
    this.sdk ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: this.c.endpoint,
        region: this.c.region,
        credentials: this.c.credentials,
        forcePathStyle: this.c.forcePathStyle,
        // Only what S3-compatible stores all accept: no CRC trailers on streamed bodies.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        requestHandler: { connectionTimeout: 5000, requestTimeout: 120_000 },
      }),
    }));
    return this.sdk;
  }

  private key(sha256: string) {
    return `${this.c.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  private async upload(sha256: string, body: Readable) {
    const [{ client }, { Upload }] = await Promise.all([this.client(), import("@aws-sdk/lib-storage")]);
    const upload = new Upload({
      client,
      params: { Bucket: this.c.bucket, Key: this.key(sha256), Body: body, ContentType: "application/octet-stream" },
      queueSize: 2,
      partSize: 8 * 1024 * 1024,
    });
    await upload.done();
  }

  async putFile(sha256: string, tmp: string, size: number) {
    try {
      if ((await this.size(sha256)) === size) return; // identical content is already stored
      await this.upload(sha256, fs.createReadStream(tmp));
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  async putStream(sha256: string, body: Readable, size: number) {
    const hash = createHash("sha256");
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        bytes += chunk.length;
        cb(null, chunk);
      },
    });
    body.on("error", (err) => tap.destroy(err));
    await this.upload(sha256, body.pipe(tap));
    const got = hash.digest("hex");
    if (got !== sha256 || bytes !== size) {
      await this.remove(sha256);
      throw new Error(`blob ${sha256}: the bytes read (${bytes} bytes, SHA-256 ${got}) differ from its name and size ${size}`);
    }
  }

  open(sha256: string): Readable {
    return lazyReadable(async () => {
      const { sdk, client } = await this.client();
      try {
        const got = await client.send(new sdk.GetObjectCommand({ Bucket: this.c.bucket, Key: this.key(sha256) }));
        return (got.Body as Readable | undefined) ?? new PassThrough().end();
      } catch (err) {
        throw isMissing(err) ? new BlobMissingError(sha256, this.location) : err;
      }
    });
  }

  read(sha256: string) {
    return streamToBuffer(this.open(sha256));
  }

  async size(sha256: string) {
    const { sdk, client } = await this.client();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.c.bucket, Key: this.key(sha256) }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async *list() {
    const { sdk, client } = await this.client();
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListObjectsV2Command({ Bucket: this.c.bucket, Prefix: this.c.prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        const rest = o.Key!.slice(this.c.prefix.length);
        const sha256 = rest.slice(3);
        if (blobName.test(sha256) && rest === `${sha256.slice(0, 2)}/${sha256}`) yield { sha256, size: o.Size ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async remove(sha256: string) {
    const { sdk, client } = await this.client();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.c.bucket, Key: this.key(sha256) }));
  }

  /** HEAD on the bucket: reaches the endpoint, finds the bucket, proves the credentials. */
  async check() {
    const { sdk, client } = await this.client();
    try {
      await client.send(new sdk.HeadBucketCommand({ Bucket: this.c.bucket }));
    } catch (err) {
      throw new StoreUnavailable(explain(err, this.c));
    }
  }
}

/** What an operator should change, from the SDK's error. */
function explain(err: unknown, c: S3Config): string {
  const e = err as SdkError;
  const code = status(err);
  const where = c.endpoint ?? `AWS S3 (${c.region})`;
  if (code === 404 || e.name === "NoSuchBucket" || e.name === "NotFound")
    return `S3_BUCKET: the bucket "${c.bucket}" does not exist at ${where}; create it or correct S3_BUCKET`;
  if (code === 403 || code === 401 || /InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied|Forbidden/.test(e.name ?? ""))
    return `S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: ${where} refused them for bucket "${c.bucket}" (${e.name ?? code}); correct the keys or grant them access to the bucket`;
  if (code === 301 || e.name === "PermanentRedirect")
    return `S3_REGION: the bucket "${c.bucket}" is in another region than ${c.region}; correct S3_REGION (or S3_FORCE_PATH_STYLE for a self-hosted store)`;
  if (code)
    return `S3: ${where} answered ${code} ${e.name ?? ""} for bucket "${c.bucket}"; check S3_ENDPOINT and S3_FORCE_PATH_STYLE`;
  return `S3_ENDPOINT: cannot reach ${where} (${e.code ?? e.name ?? ""} ${e.message ?? ""}); check the address and that the object store is running`;
}
