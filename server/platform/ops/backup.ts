import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { type Ctx, nowIso } from "../context.js";
import { type Db, sqliteFile } from "../db/database.js";
import { blobStore } from "../files/store.js";
import { copyStreamDurably, fsyncDir, isEmptyDir, sha256File, writeDurably } from "./files.js";
import { databaseFile, FORMAT, MANIFEST, type Manifest, type ManifestFile } from "./manifest.js";
import { findPgTool, libpqTarget, run, serverMajor } from "./pg-tools.js";
import { type DatabaseFacts, databaseFacts, withSqliteFile } from "./snapshot.js";

export type OpsCtx = Pick<Ctx, "db" | "engine" | "config">;

export interface BackupResult {
  dir: string;
  manifest: Manifest;
  bytes: number;
  seconds: number;
}

/**
 * An online backup into `dir` (new or empty) while the server keeps running: a consistent snapshot
 * of the database (SQLite: VACUUM INTO, one read transaction; PostgreSQL: pg_dump of an exported
 * snapshot), the blobs that snapshot points to, and manifest.json with every file's SHA-256,
 * written last. Blobs are written before the rows that point to them commit and are never removed,
 * so copying them after the snapshot finds every one. On failure the folder is removed again.
 */
export async function takeBackup(ctx: OpsCtx, dir: string): Promise<BackupResult> {
  const started = performance.now();
  if (!isEmptyDir(dir)) throw new Error(`The backup folder ${dir} is not empty: give a new or empty folder.`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    const dbFile = path.join(dir, databaseFile(ctx.engine));
    const { facts, serverVersion } =
      ctx.engine === "sqlite" ? await snapshotSqlite(ctx, dbFile) : await snapshotPostgres(ctx, dbFile);
    const files: ManifestFile[] = [
      { path: databaseFile(ctx.engine), bytes: fs.statSync(dbFile).size, sha256: sha256File(dbFile) },
    ];
    const missing: string[] = [];
    const store = blobStore(ctx.config);
    for (const sha of facts.blobs) {
      const rel = `files/${sha.slice(0, 2)}/${sha}`;
      if ((await store.size(sha)) === null) {
        missing.push(sha);
        continue;
      }
      const copied = await copyStreamDurably(store.open(sha), path.join(dir, rel));
      if (copied.sha256 !== sha)
        throw new Error(
          `The stored file ${sha} in ${store.location} is damaged (its SHA-256 differs from its name). Run \`renkei verify\`.`,
        );
      files.push({ path: rel, ...copied });
    }
    if (missing.length)
      throw new Error(
        `${missing.length} stored files are missing from ${store.location} (e.g. ${missing[0]}). Run \`renkei verify\`.`,
      );
    const manifest: Manifest = {
      format: FORMAT,
      createdAt: nowIso(),
      engine: ctx.engine,
      serverVersion,
      ...facts,
      files,
    };
    for (const d of new Set(files.map((f) => path.dirname(path.join(dir, f.path))))) fsyncDir(d);
    writeDurably(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
    fsyncDir(dir);
    const bytes = files.reduce((n, f) => n + f.bytes, 0);
    return { dir, manifest, bytes, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function snapshotSqlite(ctx: OpsCtx, dest: string): Promise<{ facts: DatabaseFacts; serverVersion: null }> {
  // A connection of its own: VACUUM INTO reads in one transaction while the server goes on writing (WAL).
  const source = new SQLite(sqliteFile(ctx.config.dataDir), { readonly: true, fileMustExist: true });
  try {
    source.prepare("VACUUM INTO ?").run(dest);
  } finally {
    source.close();
  }
  const fd = fs.openSync(dest, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return { facts: await withSqliteFile(dest, databaseFacts), serverVersion: null };
}

async function snapshotPostgres(ctx: OpsCtx, dest: string): Promise<{ facts: DatabaseFacts; serverVersion: string }> {
  const { major, version } = await serverMajor(ctx.db);
  const pgDump = findPgTool("pg_dump", major, ctx.config);
  const target = libpqTarget(ctx.config.databaseUrl!);
  // The facts are read in the same snapshot pg_dump dumps, exported from this transaction.
  if (ctx.db.isTransaction) throw new Error("takeBackup opens its own transaction");
  const facts = await (ctx.db as Db)
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const snap = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
      const args = ["--format=custom", `--snapshot=${snap.rows[0]!.id}`, `--file=${dest}`, `--dbname=${target.url}`];
      const dump = run(pgDump, args, target.env);
      try {
        return await databaseFacts(trx);
      } finally {
        await dump; // the snapshot must stay open until pg_dump has finished
      }
    });
  const fd = fs.openSync(dest, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return { facts, serverVersion: version };
}
