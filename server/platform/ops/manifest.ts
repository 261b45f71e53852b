import fs from "node:fs";
import path from "node:path";
import type { Engine } from "../db/database.js";
import { sha256File } from "./files.js";
import type { DatabaseFacts } from "./snapshot.js";

export const MANIFEST = "manifest.json";
export const FORMAT = "renkei-backup/1";
export const databaseFile = (engine: Engine) => (engine === "sqlite" ? "database.sqlite" : "database.pgdump");

export interface ManifestFile {
  /** Relative to the backup folder, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

/** manifest.json, written last: a backup folder without one did not finish. */
export interface Manifest extends DatabaseFacts {
  format: typeof FORMAT;
  createdAt: string;
  engine: Engine;
  /** PostgreSQL's version (the dump is read by pg_restore of the same major version). */
  serverVersion: string | null;
  /** The database first, then every blob under files/. */
  files: ManifestFile[];
}

/**
 * Reads a backup folder's manifest and checks the folder against it: every listed file present with
 * its size and SHA-256, nothing unlisted. Every problem is reported at once; nothing is changed.
 */
export function checkBackup(dir: string): { manifest: Manifest; bytes: number } {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(dir)) throw new Error(`${dir} does not exist.`);
  if (!fs.existsSync(file))
    throw new Error(`${dir} has no ${MANIFEST}: it is not a Renkei backup, or the backup did not finish. Use another backup.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    throw new Error(`${file} is not valid JSON: the backup is damaged. Use another backup.`);
  }
  if (manifest.format !== FORMAT || !Array.isArray(manifest.files))
    throw new Error(`${file} is not a ${FORMAT} manifest: use a backup made by \`renkei backup\`.`);
  const problems: string[] = [];
  const listed = new Set<string>();
  let bytes = 0;
  for (const f of manifest.files) {
    listed.add(f.path);
    const p = path.join(dir, f.path);
    if (!fs.existsSync(p)) problems.push(`missing: ${f.path}`);
    else if (fs.statSync(p).size !== f.bytes) problems.push(`wrong size: ${f.path}`);
    else if (sha256File(p) !== f.sha256) problems.push(`SHA-256 differs: ${f.path}`);
    bytes += f.bytes;
  }
  if (!manifest.files.some((f) => f.path === databaseFile(manifest.engine))) problems.push(`the database file is not listed`);
  for (const p of walk(dir)) if (p !== MANIFEST && !listed.has(p)) problems.push(`not in the manifest: ${p}`);
  if (problems.length)
    throw new Error(
      `The backup in ${dir} does not match its manifest; nothing was restored:\n  - ${problems.slice(0, 50).join("\n  - ")}`,
    );
  return { manifest, bytes };
}

/** Every file under a folder, relative, with forward slashes. */
function* walk(root: string, rel = ""): Generator<string> {
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walk(root, r);
    else yield r;
  }
}
