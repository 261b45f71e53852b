import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type { Config } from "../../config.js";
import { type Database, type Engine, openDatabase, sqliteFile } from "../db/database.js";
import { migrations } from "../db/migrations/index.js";
import { LocalBlobStore } from "../files/blob-local.js";
import { copyBlobs } from "../files/migrate-store.js";
import { blobStore } from "../files/store.js";
import { copyDurably, fsyncDir, isEmptyDir } from "./files.js";
import { checkBackup, databaseFile, type Manifest } from "./manifest.js";
import { findPgTool, libpqTarget, run, serverMajor } from "./pg-tools.js";
import { databaseFacts } from "./snapshot.js";

export interface RestoreResult {
  manifest: Manifest;
  bytes: number;
  seconds: number;
  /** Where the stored files went (DATA_DIR/files or the S3 bucket). */
  store: string;
  /** Blobs that an object store already held (identical content, read back and checked like the others). */
  present: number;
}

const engineOf = (config: Pick<Config, "databaseUrl">): Engine => (config.databaseUrl ? "postgres" : "sqlite");

/**
 * Restores a backup into an empty installation: DATA_DIR empty (SQLite) or an empty PostgreSQL
 * database, plus an empty DATA_DIR/files or, with FILE_STORE=s3, the configured bucket. The whole backup
 * is checked against its manifest first and nothing is touched if anything is missing, extra or
 * different. Blobs go to the bucket before the database that points to them (each streamed up with its
 * SHA-256 checked, then read back and hashed again; blobs already there are content-addressed and
 * checked the same way, so a second attempt after a failure goes through). The database is restored in
 * one step (a file renamed into place; pg_restore in one transaction), then the row counts are
 * compared with the manifest. The next `renkei serve` applies migrations newer than the backup.
 */
export async function restoreBackup(config: Config, dir: string): Promise<RestoreResult> {
  const started = performance.now();
  const { manifest, bytes } = checkBackup(dir);
  const engine = engineOf(config);
  if (manifest.engine !== engine)
    throw new Error(
      manifest.engine === "postgres"
        ? "This backup is of a PostgreSQL database: set DATABASE_URL to an empty PostgreSQL database to restore it."
        : "This backup is of a SQLite database: unset DATABASE_URL to restore it into DATA_DIR.",
    );
  const unknown = manifest.migrations.filter((m) => !(m in migrations));
  if (unknown.length)
    throw new Error(
      `This backup was made by a newer Renkei (migrations ${unknown.join(", ")} are unknown here): restore it with that release.`,
    );

  const filesDir = path.join(config.dataDir, "files");
  if (engine === "sqlite" && !isEmptyDir(config.dataDir))
    throw new Error(`DATA_DIR ${config.dataDir} is not empty: restore into a new, empty data folder.`);
  if (!isEmptyDir(filesDir)) throw new Error(`${filesDir} is not empty: restore into a new, empty data folder.`);
  const blobs = manifest.files
    .filter((f) => f.path.startsWith("files/"))
    .map((f) => ({ path: f.path, sha256: f.sha256, size: f.bytes }));
  const store = blobStore(config);
  if (store.kind === "s3") await store.check(); // says what to fix before anything is written

  const staging = path.join(config.dataDir, `.restoring-${process.pid}`);
  let database: Database | null = null;
  let present = 0;
  try {
    fs.mkdirSync(staging, { recursive: true });
    if (store.kind === "s3") present = (await copyBlobs({ from: new LocalBlobStore(dir), to: store }, blobs)).present;
    else for (const f of blobs) copyDurably(path.join(dir, f.path), path.join(staging, f.path));
    const source = path.join(dir, databaseFile(engine));
    if (engine === "sqlite") {
      copyDurably(source, path.join(staging, "renkei.sqlite"));
      fs.renameSync(path.join(staging, "renkei.sqlite"), sqliteFile(config.dataDir));
    } else {
      database = openDatabase(config);
      await restorePostgres(database, config, source);
    }
    if (fs.existsSync(path.join(staging, "files"))) fs.renameSync(path.join(staging, "files"), filesDir);
    fs.rmSync(staging, { recursive: true, force: true });
    fsyncDir(config.dataDir);

    database ??= openDatabase(config);
    const facts = await databaseFacts(database.db);
    const differ = Object.entries(manifest.tables).filter(([t, n]) => facts.tables[t] !== n);
    if (differ.length)
      throw new Error(
        `The restored database differs from the backup: ${differ.map(([t, n]) => `${t} ${facts.tables[t]} rows, expected ${n}`).join("; ")}`,
      );
    return { manifest, bytes, seconds: (performance.now() - started) / 1000, store: store.location, present };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    await database?.close();
  }
}

async function restorePostgres(database: Database, config: Config, dump: string) {
  const tables = await sql<{ n: number }>`
    select count(*) as n from information_schema.tables
    where table_schema not in ('pg_catalog', 'information_schema')`.execute(database.db);
  if (Number(tables.rows[0]!.n) > 0)
    throw new Error(
      "The PostgreSQL database in DATABASE_URL is not empty: create a new database (createdb) and restore into it.",
    );
  const { major } = await serverMajor(database.db);
  const pgRestore = findPgTool("pg_restore", major, config);
  const target = libpqTarget(config.databaseUrl!);
  // One transaction: a failure leaves the database empty, as it was.
  await run(
    pgRestore,
    ["--single-transaction", "--no-owner", "--no-acl", "--no-comments", `--dbname=${target.url}`, dump],
    target.env,
  );
}
