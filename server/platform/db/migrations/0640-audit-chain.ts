import { type Kysely, PostgresAdapter, sql } from "kysely";
import { auditHash } from "../../audit/chain.js";
import type { AuditLogTable } from "../schema.js";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The audit trail becomes append-only and chained (server/platform/audit/chain.ts): every existing
 * row gets its place in the chain (in the order it was written), then the database refuses any
 * UPDATE or DELETE of an audit row, and any row written outside the chain.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").addColumn("seq", "integer").execute();
  await db.schema.alterTable("audit_log").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("hash", "text").execute();

  const rows = (await db.selectFrom("audit_log").selectAll().orderBy("at").orderBy("id").execute()) as AuditLogTable[];
  let prev: string | null = null;
  for (const [i, r] of rows.entries()) {
    const row = { ...r, seq: i + 1, prev_hash: prev };
    prev = auditHash(row);
    await db
      .updateTable("audit_log")
      .set({ seq: row.seq, prev_hash: row.prev_hash, hash: prev })
      .where("id", "=", r.id)
      .execute();
  }
  await db.schema.createIndex("audit_log_seq").unique().on("audit_log").column("seq").execute();

  if (isPostgres(db)) {
    await sql`ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL`.execute(db);
    await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`.execute(db);
    await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log WHEN new.seq IS NULL OR new.hash IS NULL
    BEGIN SELECT RAISE(ABORT, 'audit_log rows are written through recordAudit (chained)'); END`.execute(db);
}
