import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import type { Config, S3StoreConfig } from "../../config.js";
import { inTx } from "../context.js";
import { openDatabase } from "../db/database.js";
import { LocalBlobStore } from "../files/blob-local.js";
import { blobStore, readFileBytes, storeBuffer } from "../files/store.js";
import "../jobs/backup.js";
import { testConfig } from "../testing/config.js";
import { DEMO_PASSWORD, engine, type TestEnv, testEnv } from "../testing/harness.js";
import { startS3, type TestS3 } from "../testing/s3.js";
import { scratchPostgres } from "../testing/scratch-postgres.js";
import { takeBackup } from "./backup.js";
import { sha256Stream } from "./files.js";
import { restoreBackup } from "./restore.js";
import { scheduledBackup } from "./scheduled.js";
import { verifyInstallation } from "./verify.js";

const blobPath = (ctx: { config: { dataDir: string } }, sha256: string) => new LocalBlobStore(ctx.config.dataDir).path(sha256);

let env: TestEnv;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-ops-"));
const backupRoot = path.join(tmp, "scheduled");
const drops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  env = await testEnv({ BACKUP_DIR: backupRoot, BACKUP_KEEP: "2" });
  return async () => {
    for (const d of drops) await d();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
});

/** An empty installation of the same engine: a new data folder, and on PostgreSQL a new database. */
async function emptyInstallation(extra: Record<string, string> = {}): Promise<Config> {
  const dataDir = path.join(tmp, `restore-${crypto.randomUUID().slice(0, 8)}`);
  let databaseUrl: string | undefined;
  if (engine === "postgres") {
    const scratch = await scratchPostgres(process.env.TEST_DATABASE_URL!, "renkei_t");
    drops.push(scratch.drop);
    databaseUrl = scratch.url;
  }
  return testConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ...extra });
}

const problems = async (config: Config) => {
  const database = openDatabase(config);
  try {
    return (await verifyInstallation({ db: database.db, engine: database.engine, config })).flatMap((c) => c.problems);
  } finally {
    await database.close();
  }
};

describe(`backup and restore on ${engine}`, () => {
  let backupDir: string;
  let memoId: string;

  it("takes an online backup with a manifest of SHA-256 sums, and restores it into an empty installation", async () => {
    const memo = await inTx(env.ctx, (tx) =>
      storeBuffer(tx, "議事メモ.txt", "text/plain", Buffer.from("第1回 連携会議 議事メモ")),
    );
    memoId = memo.id;
    backupDir = path.join(tmp, "b1");
    const r = await takeBackup(env.ctx, backupDir);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8"));
    expect(manifest.engine).toBe(engine);
    expect(manifest.files[0].path).toBe(engine === "sqlite" ? "database.sqlite" : "database.pgdump");
    expect(manifest.files).toContainEqual({
      path: `files/${memo.sha256.slice(0, 2)}/${memo.sha256}`,
      bytes: memo.size,
      sha256: memo.sha256,
    });
    expect(manifest.migrations).toContain("0640-audit-chain");
    const users = await env.ctx.db.selectFrom("users").select("id").execute();
    expect(r.manifest.tables.users).toBe(users.length);
    expect(r.manifest.audit?.seq).toBeGreaterThan(0);

    // The server goes on writing; the backup keeps the moment it was taken.
    await env.ctx.db.updateTable("orgs").set({ population: 1 }).where("id", "=", env.demo.orgs["阿武町"]!).execute();

    const target = await emptyInstallation();
    const restored = await restoreBackup(target, backupDir);
    expect(restored.manifest.tables.users).toBe(users.length);
    expect(await problems(target)).toEqual([]);

    const database = openDatabase(target);
    try {
      const ctx = { ...env.ctx, db: database.db, config: target };
      expect((await readFileBytes(ctx, memo)).toString()).toBe("第1回 連携会議 議事メモ");
      const abu = await database.db
        .selectFrom("orgs")
        .select("population")
        .where("id", "=", env.demo.orgs["阿武町"]!)
        .executeTakeFirstOrThrow();
      expect(abu.population).not.toBe(1);
      // The restored installation serves: sign in and read.
      const app = await buildApp({ config: target, database });
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "admin@example.jp", password: DEMO_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      await app.close();
    } finally {
      await database.close();
    }
    // Never over existing data.
    await expect(restoreBackup(target, backupDir)).rejects.toThrow(/not empty/);
  });

  it("refuses a damaged, incomplete or foreign backup and leaves the installation empty", async () => {
    const copy = (name: string) => {
      const d = path.join(tmp, name);
      fs.cpSync(backupDir, d, { recursive: true });
      return d;
    };
    const memo = await env.ctx.db.selectFrom("files").selectAll().where("id", "=", memoId).executeTakeFirstOrThrow();
    const blob = `files/${memo.sha256.slice(0, 2)}/${memo.sha256}`;
    const target = await emptyInstallation();

    const damaged = copy("damaged");
    fs.writeFileSync(path.join(damaged, blob), "第1回 連携会議 議事メモ（改ざん）");
    await expect(restoreBackup(target, damaged)).rejects.toThrow(/wrong size|SHA-256 differs/);
    const flipped = copy("flipped");
    const bytes = fs.readFileSync(path.join(flipped, blob));
    bytes[0]! ^= 1;
    fs.writeFileSync(path.join(flipped, blob), bytes);
    await expect(restoreBackup(target, flipped)).rejects.toThrow(`SHA-256 differs: ${blob}`);
    const missing = copy("missing");
    fs.rmSync(path.join(missing, blob));
    await expect(restoreBackup(target, missing)).rejects.toThrow(`missing: ${blob}`);
    const extra = copy("extra");
    fs.writeFileSync(path.join(extra, "files", "notes.txt"), "x");
    await expect(restoreBackup(target, extra)).rejects.toThrow("not in the manifest: files/notes.txt");
    const unfinished = copy("unfinished");
    fs.rmSync(path.join(unfinished, "manifest.json"));
    await expect(restoreBackup(target, unfinished)).rejects.toThrow(/no manifest\.json.*did not finish/);
    const newer = copy("newer");
    const m = JSON.parse(fs.readFileSync(path.join(newer, "manifest.json"), "utf8"));
    fs.writeFileSync(path.join(newer, "manifest.json"), JSON.stringify({ ...m, migrations: [...m.migrations, "9999-future"] }));
    await expect(restoreBackup(target, newer)).rejects.toThrow(/newer Renkei.*9999-future/);
    const otherEngine = { ...target, databaseUrl: engine === "sqlite" ? "postgres://nobody@127.0.0.1:1/none" : undefined };
    await expect(restoreBackup(otherEngine, backupDir)).rejects.toThrow(
      engine === "sqlite" ? /SQLite database: unset DATABASE_URL/ : /PostgreSQL database: set DATABASE_URL/,
    );

    // Nothing was written by any refusal: the real backup still restores.
    await restoreBackup(target, backupDir);
    expect(await problems(target)).toEqual([]);
  });

  it("refuses a backup folder that is not empty", async () => {
    await expect(takeBackup(env.ctx, backupDir)).rejects.toThrow(/not empty/);
  });

  it("keeps the newest BACKUP_KEEP scheduled backups, and the worker schedules the job", async () => {
    const days = ["2026-11-01T17:00:00Z", "2026-11-02T17:00:00Z", "2026-11-03T17:00:00Z"];
    fs.mkdirSync(path.join(backupRoot, "renkei-20261101T000000Z"), { recursive: true }); // an unfinished run
    for (const d of days) await scheduledBackup(env.ctx, new Date(d));
    expect(fs.readdirSync(backupRoot).sort()).toEqual(["renkei-20261102T170000Z", "renkei-20261103T170000Z"]);
    await env.worker.runOnce();
    const job = await env.ctx.db.selectFrom("jobs").selectAll().where("kind", "=", "ops.backup").executeTakeFirstOrThrow();
    expect(job.status).toBe("queued");
    // 02:00 Japan time is 17:00 UTC.
    expect(new Date(job.run_at).getUTCHours()).toBe(17);
  });
});

describe(`restore into an S3-compatible store on ${engine}`, () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startS3();
    return () => s3.close();
  });
  // Each engine's run has its own key prefix in the bucket.
  const inBucket = (extra: Record<string, string> = {}) => emptyInstallation({ ...s3.env, S3_PREFIX: `${engine}/`, ...extra });

  it("writes every blob of the backup into the bucket, each checked by SHA-256, and the installation reads them there", async () => {
    const memo = await inTx(env.ctx, (tx) => storeBuffer(tx, "協定書.txt", "text/plain", Buffer.from("共同利用協定書 別表第1")));
    const dir = path.join(tmp, "b-s3");
    const { manifest } = await takeBackup(env.ctx, dir);
    const blobs = manifest.files.filter((f) => f.path.startsWith("files/"));
    expect(blobs.length).toBeGreaterThan(0);

    // A bucket that does not exist is refused with what to fix, before anything is written.
    const wrong = await inBucket({ S3_BUCKET: "no-such-bucket" });
    await expect(restoreBackup(wrong, dir)).rejects.toThrow(/S3_BUCKET: the bucket "no-such-bucket" does not exist/);
    const target: Config = { ...wrong, fileStore: { ...(wrong.fileStore as S3StoreConfig), bucket: s3.bucket } };
    const restored = await restoreBackup(target, dir); // the same installation: the refusal left it empty
    expect(restored.store).toBe(`s3://${s3.bucket}/${engine}/ at ${s3.endpoint}`);
    expect(restored.present).toBe(0);
    expect(fs.existsSync(path.join(target.dataDir, "files"))).toBe(false);
    const store = blobStore(target);
    for (const f of blobs) expect(await sha256Stream(store.open(f.sha256))).toBe(f.sha256);
    expect(await problems(target)).toEqual([]);
    expect((await readFileBytes({ config: target }, memo)).toString()).toBe("共同利用協定書 別表第1");

    // Into the same bucket again (a second attempt, another installation): what is there is read and kept,
    // and an object damaged there (same size, other bytes) is replaced by the backup's copy.
    await store.remove(memo.sha256);
    const damaged = Buffer.from("共同利用協定書 別表第2");
    const tmpFile = path.join(tmp, "damaged-object");
    fs.writeFileSync(tmpFile, damaged);
    await store.putFile(memo.sha256, tmpFile, damaged.length);
    const second = await inBucket();
    const again = await restoreBackup(second, dir);
    expect(again.present).toBe(blobs.length - 1);
    expect((await readFileBytes({ config: second }, memo)).toString()).toBe("共同利用協定書 別表第1");
    expect(await problems(second)).toEqual([]);
  });
});

describe(`renkei verify on ${engine}`, () => {
  it("finds a stored file that is missing or damaged, and notes a blob without a row", async () => {
    const f = await inTx(env.ctx, (tx) => storeBuffer(tx, "報告.txt", "text/plain", Buffer.from("報告書 本文")));
    const blob = blobPath(env.ctx, f.sha256);
    const verify = async () => Object.fromEntries((await verifyInstallation(env.ctx)).map((c) => [c.name, c]));
    expect((await verify()).files!.problems).toEqual([]);

    fs.writeFileSync(blob, "報告書 本文（改）");
    expect((await verify()).files!.problems).toContainEqual(expect.stringMatching(new RegExp(`file ${f.id}: .*bytes`)));
    fs.writeFileSync(blob, "報告書 本文".replace("本", "木"));
    expect((await verify()).files!.problems).toContainEqual(`file ${f.id}: the stored bytes are damaged (SHA-256 differs)`);
    fs.rmSync(blob);
    expect((await verify()).files!.problems).toContainEqual(`file ${f.id}: its stored bytes (${f.sha256}) are missing`);
    fs.writeFileSync(blob, "報告書 本文");

    const orphan = "ab".padEnd(64, "0");
    fs.mkdirSync(path.dirname(blobPath(env.ctx, orphan)), { recursive: true });
    fs.writeFileSync(blobPath(env.ctx, orphan), "rolled back");
    const checks = await verify();
    expect(checks.files!.problems).toEqual([]);
    expect(checks.files!.warnings.join()).toContain(`1 stored blobs have no file row`);
    fs.rmSync(blobPath(env.ctx, orphan));
    expect(Object.values(checks).flatMap((c) => c.problems)).toEqual([]);
  });
});
