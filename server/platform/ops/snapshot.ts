import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import type { AuditHead } from "../audit/chain.js";
import type { Db, Tx } from "../db/database.js";
import type { DB } from "../db/schema.js";

/** What a backup records about its database and restore checks again: tables and row counts, migrations, blobs, the audit chain's end. */
export interface DatabaseFacts {
  tables: Record<string, number>;
  migrations: string[];
  /** The SHA-256 of every stored file the database points to. */
  blobs: string[];
  audit: AuditHead | null;
}

/** Reads the facts in one consistent view (call it inside the snapshot's transaction on PostgreSQL). */
export async function databaseFacts(db: Db | Tx): Promise<DatabaseFacts> {
  const tables: Record<string, number> = {};
  const all = await db.introspection.getTables({ withInternalKyselyTables: true });
  for (const t of all.filter((t) => !t.isView && !t.name.startsWith("sqlite_")).sort((a, b) => a.name.localeCompare(b.name))) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.name)}`.execute(db);
    tables[t.name] = Number(r.rows[0]!.n);
  }
  const has = (name: string) => name in tables;
  const migrations = has("kysely_migration")
    ? (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name)
    : [];
  const blobs = has("files")
    ? (await db.selectFrom("files").select("sha256").distinct().orderBy("sha256").execute()).map((r) => r.sha256)
    : [];
  const chained = all.find((t) => t.name === "audit_log")?.columns.some((c) => c.name === "hash");
  const audit = chained ? await auditHead(db) : null;
  return { tables, migrations, blobs, audit };
}

async function auditHead(db: Db | Tx): Promise<AuditHead | null> {
  const r = await db
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .where("seq", "=", (eb) => eb.selectFrom("audit_log").select((e) => e.fn.max("seq").as("m")))
    .executeTakeFirst();
  return r ? { seq: Number(r.seq), hash: r.hash } : null;
}

/** Opens a SQLite file (a backup's copy) read-only through Kysely, runs fn, closes it. */
export async function withSqliteFile<T>(file: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: new SQLite(file, { readonly: true, fileMustExist: true }) }),
  });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}
