import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { type AuditHead, verifyAuditChain } from "../audit/chain.js";
import { migrations } from "../db/migrations/index.js";
import { blobStore } from "../files/store.js";
import type { OpsCtx } from "./backup.js";
import { listBlobs, sha256Stream } from "./files.js";
import { MANIFEST, type Manifest } from "./manifest.js";

export interface Check {
  name: string;
  /** One line saying what was checked and found. */
  summary: string;
  /** Findings that make the installation untrustworthy (exit status 1). */
  problems: string[];
  /** Findings worth knowing that lose nothing (e.g. a blob left by a rolled-back upload). */
  warnings: string[];
}

const LISTED = 50;
const cap = (xs: string[]) => (xs.length > LISTED ? [...xs.slice(0, LISTED), `…and ${xs.length - LISTED} more`] : xs);

/** `renkei verify`: the database's own integrity, migrations, stored files against their rows, and the audit chain. */
export async function verifyInstallation(ctx: OpsCtx): Promise<Check[]> {
  return [await checkDatabase(ctx), await checkMigrations(ctx), await checkFiles(ctx), await checkAudit(ctx)];
}

async function checkDatabase(ctx: OpsCtx): Promise<Check> {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (ctx.engine === "sqlite") {
    const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(ctx.db);
    for (const r of integrity.rows) if (r.integrity_check !== "ok") problems.push(r.integrity_check);
    const fk = await sql<{ table: string; rowid: number; parent: string }>`PRAGMA foreign_key_check`.execute(ctx.db);
    for (const r of fk.rows) problems.push(`${r.table} row ${r.rowid} points to a missing ${r.parent} row`);
    return { name: "database", summary: "SQLite integrity_check and foreign_key_check", problems: cap(problems), warnings };
  }
  // PostgreSQL keeps foreign keys itself; these find rows a damaged page or a disabled trigger let through.
  const fks = await sql<{ name: string; tbl: string; col: string; ftbl: string; fcol: string }>`
    select c.conname as name, cl.relname as tbl, a.attname as col, fcl.relname as ftbl, fa.attname as fcol
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_class fcl on fcl.oid = c.confrelid
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
    where c.contype = 'f' and cardinality(c.conkey) = 1 and cl.relnamespace = current_schema()::regnamespace`.execute(ctx.db);
  for (const f of fks.rows) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(f.tbl)} t
      where t.${sql.ref(f.col)} is not null
        and not exists (select 1 from ${sql.table(f.ftbl)} p where p.${sql.ref(f.fcol)} = t.${sql.ref(f.col)})`.execute(ctx.db);
    if (Number(r.rows[0]!.n)) problems.push(`${r.rows[0]!.n} ${f.tbl} rows point to a missing ${f.ftbl} row (${f.name})`);
  }
  const invalid = await sql<{ name: string }>`select conname as name from pg_constraint
    where not convalidated and connamespace = current_schema()::regnamespace`.execute(ctx.db);
  for (const c of invalid.rows) problems.push(`constraint ${c.name} is not validated`);
  const amcheck = await sql<{ n: number }>`select count(*) as n from pg_extension where extname = 'amcheck'`.execute(ctx.db);
  if (Number(amcheck.rows[0]!.n)) {
    const idx = await sql<{ name: string }>`select i.relname as name from pg_index x join pg_class i on i.oid = x.indexrelid
      join pg_am am on am.oid = i.relam where am.amname = 'btree' and i.relnamespace = current_schema()::regnamespace`.execute(
      ctx.db,
    );
    for (const i of idx.rows)
      await sql`select bt_index_check(${sql.lit(i.name)}::regclass, true)`
        .execute(ctx.db)
        .catch((e: Error) => problems.push(`index ${i.name}: ${e.message}`));
  } else
    warnings.push("the amcheck extension is not installed, so indexes were not checked (CREATE EXTENSION amcheck enables it)");
  return {
    name: "database",
    summary: `PostgreSQL: ${fks.rows.length} foreign keys re-checked, constraints validated${amcheck.rows[0]!.n ? ", B-tree indexes (amcheck)" : ""}`,
    problems: cap(problems),
    warnings,
  };
}

async function checkMigrations(ctx: OpsCtx): Promise<Check> {
  const applied = (await sql<{ name: string }>`select name from kysely_migration`.execute(ctx.db)).rows.map((r) => r.name);
  const unknown = applied.filter((m) => !(m in migrations));
  const pending = Object.keys(migrations).filter((m) => !applied.includes(m));
  const journal = await sql<{ name: string }>`select name from renkei_migration_journal`
    .execute(ctx.db)
    .catch(() => ({ rows: [] }));
  return {
    name: "migrations",
    summary: `${applied.length} applied`,
    problems: [
      ...unknown.map((m) => `migration ${m} is not known to this release (the database was used by a newer Renkei)`),
      ...journal.rows.map((r) => `migration ${r.name} started and did not finish: the database may be half-changed`),
    ],
    warnings: pending.length
      ? [`not yet applied: ${pending.join(", ")} (\`renkei migrate\` or the next start applies them)`]
      : [],
  };
}

async function checkFiles(ctx: OpsCtx): Promise<Check> {
  const rows = await ctx.db.selectFrom("files").select(["id", "sha256", "size"]).execute();
  const store = blobStore(ctx.config);
  const blobs = new Map<string, number>();
  for await (const b of store.list()) blobs.set(b.sha256, b.size);
  const strays = store.kind === "local" ? listBlobs(path.join(ctx.config.dataDir, "files")).strays : [];
  const problems: string[] = [];
  const checked = new Set<string>();
  let bytes = 0;
  for (const r of rows) {
    const size = blobs.get(r.sha256);
    if (size === undefined) {
      problems.push(`file ${r.id}: its stored bytes (${r.sha256}) are missing`);
      continue;
    }
    if (checked.has(r.sha256)) continue;
    checked.add(r.sha256);
    bytes += size;
    if (size !== Number(r.size)) problems.push(`file ${r.id}: ${size} bytes stored, ${r.size} recorded`);
    else if ((await sha256Stream(store.open(r.sha256))) !== r.sha256)
      problems.push(`file ${r.id}: the stored bytes are damaged (SHA-256 differs)`);
  }
  const orphans = [...blobs.keys()].filter((sha) => !checked.has(sha));
  const warnings = [
    ...(orphans.length
      ? [
          `${orphans.length} stored blobs have no file row (left by uploads that were rolled back): ${orphans.slice(0, 5).join(", ")}`,
        ]
      : []),
    ...strays.slice(0, 5).map((s) => `unexpected entry in the files folder: ${s}`),
  ];
  return {
    name: "files",
    summary: `${rows.length} file rows, ${blobs.size} blobs in ${store.location} (${(bytes / 1048576).toFixed(1)} MB hashed)`,
    problems: cap(problems),
    warnings,
  };
}

async function checkAudit(ctx: OpsCtx): Promise<Check> {
  const anchors = backupAnchors(ctx.config.backupDir);
  const r = await verifyAuditChain(ctx.db, anchors);
  const head = r.head ? `, head #${r.head.seq} ${r.head.hash.slice(0, 12)}…` : "";
  return {
    name: "audit",
    summary: `${r.rows} audit rows in one chain${head}${anchors.length ? `, checked against ${anchors.length} backups` : ""}`,
    problems: r.problems,
    warnings: [],
  };
}

/** The audit chain's end as each backup in BACKUP_DIR recorded it: a removed or rewritten tail shows against them. */
function backupAnchors(backupDir: string | undefined): AuditHead[] {
  if (!backupDir || !fs.existsSync(backupDir)) return [];
  const anchors: AuditHead[] = [];
  for (const name of fs.readdirSync(backupDir)) {
    const file = path.join(backupDir, name, MANIFEST);
    if (!fs.existsSync(file)) continue;
    try {
      const m = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
      if (m.audit) anchors.push(m.audit);
    } catch {}
  }
  return anchors;
}
