import { gunzipSync, gzipSync } from "node:zlib";
import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * A database of one release with representative data, kept to test the upgrade to the latest
 * schema on both engines: the migrations that release had, every row of every table (in an order
 * that satisfies foreign keys) and the stored files' bytes. Engine-neutral: rows are JSON values.
 */
export interface Fixture {
  release: string;
  commit: string;
  migrations: string[];
  tables: { name: string; columns: string[]; rows: unknown[][] }[];
  /** sha256 → base64 bytes of the stored files the rows point to. */
  blobs: Record<string, string>;
}

export const readFixture = (data: Buffer): Fixture => JSON.parse(gunzipSync(data).toString("utf8"));
export const writeFixture = (f: Fixture): Buffer => gzipSync(JSON.stringify(f), { level: 9 });

const ROWS_PARAMS = 30_000;

/** Reads every table of a SQLite database (skipping the migration tables and full-text index internals). */
export async function dumpSqlite(db: Kysely<any>): Promise<Fixture["tables"]> {
  const master = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table'`.execute(db);
  const virtual = master.rows.filter((t) => /^create virtual table/i.test(t.sql)).map((t) => t.name);
  const names = master.rows
    .map((t) => t.name)
    .filter(
      (n) => !n.startsWith("sqlite_") && !n.startsWith("kysely_") && !virtual.some((v) => n === v || n.startsWith(`${v}_`)),
    );
  const parents = new Map<string, string[]>();
  for (const n of names) {
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${n})`.execute(db);
    parents.set(n, [...new Set(fks.rows.map((r) => r.table))]);
  }
  const ordered: string[] = [];
  const visit = (n: string, path: string[] = []) => {
    if (ordered.includes(n) || path.includes(n)) return;
    for (const p of parents.get(n) ?? []) if (p !== n) visit(p, [...path, n]);
    ordered.push(n);
  };
  for (const n of names.sort()) visit(n);

  const out: Fixture["tables"] = [];
  for (const name of ordered) {
    const cols = (await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db)).rows.map((r) => r.name);
    let rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)} order by rowid`.execute(db)).rows;
    const selfRef = (
      await sql<{
        from: string;
        to: string;
      }>`select "from", "to" from pragma_foreign_key_list(${name}) where "table" = ${name}`.execute(db)
    ).rows;
    if (selfRef.length) rows = parentsFirst(rows, selfRef[0]!.from, selfRef[0]!.to);
    out.push({ name, columns: cols, rows: rows.map((r) => cols.map((c) => r[c] ?? null)) });
  }
  return out;
}

/** Orders a self-referencing table's rows so every parent comes before its children. */
function parentsFirst(rows: Record<string, unknown>[], from: string, to: string) {
  const byKey = new Map(rows.map((r) => [r[to], r]));
  const done = new Set<unknown>();
  const out: Record<string, unknown>[] = [];
  const add = (r: Record<string, unknown>) => {
    if (done.has(r[to])) return;
    done.add(r[to]);
    const parent = byKey.get(r[from]);
    if (parent && parent !== r) add(parent);
    out.push(r);
  };
  for (const r of rows) add(r);
  return out;
}

/** Inserts a fixture's rows into a database migrated to the fixture's migrations; PostgreSQL identity counters are moved past them. */
export async function loadFixture(db: Kysely<any>, f: Fixture): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const t of f.tables) {
      const size = Math.max(1, Math.floor(ROWS_PARAMS / t.columns.length));
      for (let i = 0; i < t.rows.length; i += size) {
        const values = t.rows.slice(i, i + size).map((r) => Object.fromEntries(t.columns.map((c, j) => [c, r[j]])));
        await trx.insertInto(t.name).values(values).execute();
      }
    }
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    const identities = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and (is_identity = 'YES' or column_default like 'nextval%')`.execute(trx);
    for (const c of identities.rows)
      await sql`select setval(pg_get_serial_sequence(${c.table_name}, ${c.column_name}),
        coalesce((select max(${sql.ref(c.column_name)}) from ${sql.table(c.table_name)}), 0) + 1, false)`.execute(trx);
  });
}
