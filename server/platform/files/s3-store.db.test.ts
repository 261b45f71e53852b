import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { type Config, loadConfig } from "../../config.js";
import { minimalPdf } from "../../modules/documents/test-files.js";
import { inTx } from "../context.js";
import { takeBackup } from "../ops/backup.js";
import { listBlobs } from "../ops/files.js";
import { verifyInstallation } from "../ops/verify.js";
import { engine, type TestEnv, testEnv } from "../testing/harness.js";
import { startS3, type TestS3 } from "../testing/s3.js";
import { migrateStore, migrationStores } from "./migrate-store.js";
import { storeBuffer } from "./store.js";

let s3: TestS3;
let env: TestEnv;
let client: S3Client;
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  s3 = await startS3();
  // Each engine's run has its own key prefix, so the two projects never see each other's objects.
  env = await testEnv({ ...s3.env, S3_PREFIX: `${engine}/`, UPLOAD_MAX_MB: "20" });
  client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});

const objectBytes = async (key: string) =>
  Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))).Body!.transformToByteArray());

/** An app of our own on the same database and store settings, whose log lines the test reads. */
async function loggedApp(config: Config) {
  const lines: string[] = [];
  const logStream = new PassThrough();
  logStream.on("data", (c: Buffer) =>
    lines.push(
      ...c
        .toString()
        .split("\n")
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { msg: string }).msg),
    ),
  );
  const app = await buildApp({ config: { ...config, logLevel: "info" }, database: env.database, logStream });
  return { app, lines };
}

describe(`files in an S3-compatible store (s3rver) on ${engine}`, () => {
  it("streams an upload into the bucket (multipart above 8 MB) and serves it with the same download headers", async () => {
    // A 9 MB PDF: lib-storage sends it in two parts; nothing of it stays in the data folder.
    const data = Buffer.concat([minimalPdf("大きな資料"), Buffer.alloc(9 * 1024 * 1024, 0x20)]);
    const sec = await env.as("secretariat@example.jp");
    const up = await sec.postForm("/api/documents", { area: "shared", title: "大容量資料", kind: "guideline" }, [
      { name: "大容量資料.pdf", data, type: "application/pdf" },
    ]);
    expect(up.status).toBe(201);
    const key = `${engine}/${sha(data).slice(0, 2)}/${sha(data)}`;
    const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(head.ContentLength).toBe(data.length);
    expect(sha(await objectBytes(key))).toBe(sha(data));
    expect(listBlobs(path.join(env.config.dataDir, "files")).blobs.size).toBe(0);
    expect(fs.readdirSync(path.join(env.config.dataDir, "files")).filter((n) => n.startsWith(".upload-"))).toEqual([]);

    const down = await env.app.inject({
      method: "GET",
      url: `/api/documents/${up.body.id}/versions/1/file`,
      headers: { cookie: sec.cookie },
    });
    expect(down.statusCode).toBe(200);
    expect(down.headers["content-type"]).toBe("application/pdf");
    expect(down.headers["content-length"]).toBe(String(data.length));
    expect(down.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("大容量資料.pdf")}`);
    expect(sha(down.rawPayload)).toBe(sha(data));
  });

  it("answers a blob missing from the bucket with a 500 the clerk can report and a log line naming the blob", async () => {
    const data = minimalPdf(`消える資料 ${crypto.randomUUID()}`);
    const sec = await env.as("secretariat@example.jp");
    const up = await sec.postForm("/api/documents", { area: "shared", title: "消える資料", kind: "guideline" }, [
      { name: "消える資料.pdf", data, type: "application/pdf" },
    ]);
    expect(up.status).toBe(201);
    await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: `${engine}/${sha(data).slice(0, 2)}/${sha(data)}` }));
    const { app, lines } = await loggedApp(env.config);
    try {
      const res = await app.inject({
        method: "GET",
        url: `/api/documents/${up.body.id}/versions/1/file`,
        headers: { cookie: sec.cookie },
      });
      expect(res.statusCode, res.body).toBe(500);
      expect(res.headers["content-disposition"]).toBeUndefined();
      expect(res.json().error.message).toBe("ファイルの本体が保存先に見つかりません。お手数ですが管理者にお知らせください。");
      expect(lines.join("\n")).toContain(`stored file missing: blob ${sha(data)} is not in s3://${s3.bucket}/${engine}/`);
      expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
    // verify names it; a backup refuses to go on without it.
    const files = (await verifyInstallation(env.ctx)).find((c) => c.name === "files")!;
    expect(files.problems).toContainEqual(expect.stringContaining(`its stored bytes (${sha(data)}) are missing`));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-s3-backup-"));
    await expect(takeBackup(env.ctx, path.join(dir, "b"))).rejects.toThrow(`missing from s3://${s3.bucket}/${engine}/`);
    await client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: `${engine}/${sha(data).slice(0, 2)}/${sha(data)}`, Body: data }),
    );
  });

  it("backs up and verifies the blobs in the bucket by their SHA-256", async () => {
    const checks = Object.fromEntries((await verifyInstallation(env.ctx)).map((c) => [c.name, c]));
    expect(checks.files!.problems).toEqual([]);
    expect(checks.files!.summary).toContain(`in s3://${s3.bucket}/${engine}/`);
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "renkei-s3-backup-")), "b");
    const { manifest } = await takeBackup(env.ctx, dir);
    const rows = await env.ctx.db.selectFrom("files").select("sha256").distinct().execute();
    const blobs = manifest.files.filter((f) => f.path.startsWith("files/"));
    expect(blobs.map((f) => f.sha256).sort()).toEqual(rows.map((r) => r.sha256).sort());
    for (const f of blobs) expect(sha(fs.readFileSync(path.join(dir, f.path)))).toBe(f.sha256);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it("reports a wrong bucket, wrong keys or an unreachable endpoint at start with what to fix, and /readyz stays 503", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ S3_BUCKET: "no-such-bucket" }, 'S3_BUCKET: the bucket "no-such-bucket" does not exist'],
      [{ S3_ACCESS_KEY_ID: "NOT-A-KEY" }, "S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY:"],
      [{ S3_ENDPOINT: "http://127.0.0.1:9" }, "S3_ENDPOINT: cannot reach http://127.0.0.1:9"],
    ];
    for (const [wrong, message] of cases) {
      const config = loadConfig({ ...s3.env, ...wrong, DATA_DIR: env.config.dataDir, DATABASE_URL: env.config.databaseUrl });
      const { app, lines } = await loggedApp(config);
      try {
        expect(lines.join("\n")).toContain(`file storage cannot be used: ${message}`);
        const ready = await app.inject({ method: "GET", url: "/readyz" });
        expect(ready.statusCode).toBe(503);
        expect(ready.json().error.message).toBe("ファイルの保存先に接続できません。");
      } finally {
        await app.close();
      }
    }
    expect((await env.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  });
});

describe(`renkei storage migrate on ${engine}`, () => {
  let local: TestEnv;
  beforeAll(async () => {
    local = await testEnv({ ...s3.env, FILE_STORE: "local", S3_PREFIX: `migrate-${engine}/` });
  });

  it("copies every blob local → S3 and back, each read back with its SHA-256, and replaces a damaged copy", async () => {
    const files = await inTx(local.ctx, async (tx) => [
      await storeBuffer(tx, "議事録.txt", "text/plain", Buffer.from("第1回 議事録")),
      await storeBuffer(tx, "資料.pdf", "application/pdf", minimalPdf("資料")),
      await storeBuffer(tx, "名簿.csv", "text/csv", Buffer.from("団体,氏名\n山口県,山口 太郎\n")),
    ]);
    const localBlobs = listBlobs(path.join(local.config.dataDir, "files")).blobs;
    expect(local.config.fileStore.kind).toBe("local");

    const toS3 = await migrateStore(local.database.db, migrationStores(local.config, "s3"));
    expect(toS3).toMatchObject({ blobs: localBlobs.size, copied: localBlobs.size, verified: localBlobs.size, missing: [] });
    for (const f of files) {
      const key = `migrate-${engine}/${f.sha256.slice(0, 2)}/${f.sha256}`;
      expect(sha(await objectBytes(key))).toBe(f.sha256);
    }
    // A second run copies nothing and verifies everything again.
    expect(await migrateStore(local.database.db, migrationStores(local.config, "s3"))).toMatchObject({
      copied: 0,
      present: localBlobs.size,
      verified: localBlobs.size,
    });

    // An object damaged in the bucket (same size, other bytes) is found by its SHA-256 and copied again.
    const victim = files[0]!;
    const victimKey = `migrate-${engine}/${victim.sha256.slice(0, 2)}/${victim.sha256}`;
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: victimKey, Body: Buffer.from("第1回 議事禄") }));
    expect(await migrateStore(local.database.db, migrationStores(local.config, "s3"))).toMatchObject({
      copied: 1,
      present: localBlobs.size - 1,
      verified: localBlobs.size,
    });
    expect(sha(await objectBytes(victimKey))).toBe(victim.sha256);

    // Back to an empty data folder: every row finds its blob there, byte for byte.
    fs.rmSync(path.join(local.config.dataDir, "files"), { recursive: true, force: true });
    const toLocal = await migrateStore(local.database.db, migrationStores(local.config, "local"));
    expect(toLocal).toMatchObject({ copied: toS3.blobs, verified: toS3.blobs, missing: [] });
    const back = listBlobs(path.join(local.config.dataDir, "files")).blobs;
    for (const f of files) expect(sha(fs.readFileSync(back.get(f.sha256)!))).toBe(f.sha256);

    // A row whose blob neither store has is reported, not skipped silently.
    fs.rmSync(back.get(files[2]!.sha256)!);
    await client.send(
      new DeleteObjectCommand({
        Bucket: s3.bucket,
        Key: `migrate-${engine}/${files[2]!.sha256.slice(0, 2)}/${files[2]!.sha256}`,
      }),
    );
    expect((await migrateStore(local.database.db, migrationStores(local.config, "local"))).missing).toEqual([files[2]!.sha256]);
  });

  it("says which settings are missing when S3 is not configured", () => {
    const config = loadConfig({ DATA_DIR: local.config.dataDir });
    expect(() => migrationStores(config, "s3")).toThrow("Set S3_BUCKET");
  });
});
