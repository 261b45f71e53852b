import { type Kysely, PostgresAdapter, sql } from "kysely";
import type { Migration } from "kysely/migration";
import { nowIso } from "../context.js";
import { migrations as allMigrations } from "./migrations/index.js";

/**
 * A migration. Each runs in its own transaction (SQLite and PostgreSQL both roll DDL back), so a
 * failure leaves the database as it was. One that cannot (PostgreSQL's CREATE INDEX CONCURRENTLY …)
 * exports `transactional = false`; while it runs, the journal says so, and if it never finishes
 * the server refuses to start on the half-changed database.
 */
export type RenkeiMigration = Migration & {
  transactional?: boolean;
  /**
   * Data derived from what is stored (read models, backfills), which needs the application's code: it runs
   * after the last migration of the run, so that code always meets the schema it was written for (a later
   * migration may add a column it writes). Requested in the migration's own transaction
   * (renkei_pending_rebuilds) and done in one transaction of its own, so a failure or a crash in between
   * leaves it pending, and the next start does it before serving.
   */
  rebuild?: (db: Kysely<any>) => Promise<void>;
};

export class MigrationError extends Error {}

// The table Kysely's Migrator kept (name, timestamp), so databases of earlier releases carry on.
const APPLIED = "kysely_migration";
const JOURNAL = "renkei_migration_journal";
const PENDING = "renkei_pending_rebuilds";
const LOCK = 0x72656e6b6d67;

/**
 * Applies every pending migration, in name order (feature numbers: a database may have run a
 * higher number before a lower one is added). Several instances starting at once on PostgreSQL
 * take turns on an advisory lock. Returns the names applied.
 */
export async function migrateToLatest(db: Kysely<any>, list: Record<string, RenkeiMigration> = allMigrations): Promise<string[]> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.connection().execute(async (conn) => {
    if (pg) await sql`select pg_advisory_lock(${sql.lit(LOCK)})`.execute(conn);
    try {
      return await migrate(conn, list);
    } finally {
      if (pg) await sql`select pg_advisory_unlock(${sql.lit(LOCK)})`.execute(conn);
    }
  });
}

async function migrate(db: Kysely<any>, list: Record<string, RenkeiMigration>): Promise<string[]> {
  await db.schema
    .createTable(APPLIED)
    .ifNotExists()
    .addColumn("name", "varchar(255)", (c) => c.notNull().primaryKey())
    .addColumn("timestamp", "varchar(255)", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(JOURNAL)
    .ifNotExists()
    .addColumn("name", "text", (c) => c.notNull().primaryKey())
    .addColumn("started_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(PENDING)
    .ifNotExists()
    .addColumn("name", "text", (c) => c.notNull().primaryKey())
    .execute();

  const unfinished = await db.selectFrom(JOURNAL).selectAll().execute();
  if (unfinished.length) {
    const m = unfinished[0]!;
    throw new MigrationError(
      `Migration ${m.name} started at ${m.started_at} and did not finish. It runs outside a transaction, so the database ` +
        "may be half-changed, and Renkei will not start on it. Restore the backup taken before the upgrade " +
        `(renkei restore DIR into an empty database), or repair the database by hand and then delete the row "${m.name}" from ${JOURNAL}.`,
    );
  }
  const applied = new Set((await db.selectFrom(APPLIED).select("name").execute()).map((r) => r.name as string));
  const unknown = [...applied].filter((n) => !(n in list));
  if (unknown.length)
    throw new MigrationError(
      `The database was migrated by a newer Renkei (unknown migrations: ${unknown.join(", ")}). Run that release, or restore a backup made by this one.`,
    );

  const done: string[] = [];
  for (const name of Object.keys(list).sort()) {
    if (applied.has(name)) continue;
    const m = list[name]!;
    const record = async (d: Kysely<any>) => {
      await d.insertInto(APPLIED).values({ name, timestamp: nowIso() }).execute();
      if (m.rebuild) await d.insertInto(PENDING).values({ name }).execute();
    };
    try {
      if (m.transactional === false) {
        await db.insertInto(JOURNAL).values({ name, started_at: nowIso() }).execute();
        await m.up(db);
        await db.transaction().execute(async (trx) => {
          await record(trx);
          await trx.deleteFrom(JOURNAL).where("name", "=", name).execute();
        });
      } else {
        await db.transaction().execute(async (trx) => {
          await m.up(trx);
          await record(trx);
        });
      }
    } catch (err) {
      const how =
        m.transactional === false
          ? "It ran outside a transaction: the database may be half-changed, and Renkei will not start until it is restored or repaired."
          : "It was rolled back: the database is as it was before it.";
      throw new MigrationError(`Migration ${name} failed: ${err instanceof Error ? err.message : err}\n${how}`);
    }
    done.push(name);
  }
  await rebuild(db, list);
  return done;
}

/** The data steps of the migrations applied (in this run or one that stopped before them), in name order. */
async function rebuild(db: Kysely<any>, list: Record<string, RenkeiMigration>) {
  const pending = await db.selectFrom(PENDING).select("name").orderBy("name").execute();
  for (const { name } of pending as { name: string }[]) {
    const step = list[name]?.rebuild;
    if (!step) throw new MigrationError(`Migration ${name} asks for a data step that this release does not have.`);
    try {
      await db.transaction().execute(async (trx) => {
        await step(trx);
        await trx.deleteFrom(PENDING).where("name", "=", name).execute();
      });
    } catch (err) {
      throw new MigrationError(
        `The data step of migration ${name} failed: ${err instanceof Error ? err.message : err}\n` +
          "It was rolled back and runs again at the next start; the schema is up to date.",
      );
    }
  }
}
