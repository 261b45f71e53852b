import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type { Config } from "../../config.js";
import type { Db, Tx } from "../db/database.js";

/** The major version of the PostgreSQL server (15 for 15.18). */
export async function serverMajor(db: Db | Tx): Promise<{ major: number; version: string }> {
  const r = await sql<{ num: string; version: string }>`
    select current_setting('server_version_num') as num, current_setting('server_version') as version`.execute(db);
  const row = r.rows[0]!;
  return { major: Math.floor(Number(row.num) / 10000), version: row.version };
}

/**
 * The engine's own tool (pg_dump, pg_restore) of the server's major version: PG_BIN_DIR, then where
 * Debian (/usr/lib/postgresql/N/bin) and RHEL (/usr/pgsql-N/bin) install it, then the PATH.
 * A tool of another major version is refused: an older pg_dump cannot read a newer server, and a
 * newer one writes dumps an older pg_restore cannot read.
 */
export function findPgTool(name: "pg_dump" | "pg_restore", major: number, config: Pick<Config, "pgBinDir">): string {
  const candidates = [
    ...(config.pgBinDir ? [path.join(config.pgBinDir, name)] : []),
    `/usr/lib/postgresql/${major}/bin/${name}`,
    `/usr/pgsql-${major}/bin/${name}`,
    name,
  ];
  const seen: string[] = [];
  for (const bin of candidates) {
    if (bin.includes("/") && !fs.existsSync(bin)) continue;
    const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout ?? "");
    if (!m) continue;
    if (Number(m[1]) === major) return bin;
    seen.push(`${bin} (${m[1]})`);
  }
  throw new Error(
    `${name} for PostgreSQL ${major} was not found${seen.length ? ` (found only ${seen.join(", ")})` : ""}. ` +
      `Install the PostgreSQL ${major} client tools (Debian: postgresql-client-${major}) or set PG_BIN_DIR to their folder.`,
  );
}

/** Connection settings for a libpq tool: the URL without its password, which goes in PGPASSWORD (not visible in `ps`). */
export function libpqTarget(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs a tool to completion; a non-zero exit is an error carrying the tool's own message. */
export function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
