import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The search index: one row per searchable thing (notice, document, challenge, meeting, FAQ,
 * consultation), fed by the owning modules through server/modules/search/index-entry.ts.
 * Japanese has no spaces between words, so matching is by substring over n-grams:
 * SQLite FTS5 with the trigram tokenizer (an external-content table kept in step by triggers),
 * PostgreSQL pg_trgm with a GIN index. Queries shorter than three characters fall back to LIKE.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable("search_entries")
    // An explicit integer key: on SQLite it is the rowid alias the FTS table points to
    // (an implicit rowid may change on VACUUM); on PostgreSQL an identity column.
    .addColumn("seq", "integer", (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("ref_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("date", "text")
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("scope_type", "text", (c) => c.notNull())
    .addColumn("scope_id", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("search_entries_ref", ["kind", "ref_id"])
    .execute();
  await db.schema.createIndex("search_entries_date").on("search_entries").columns(["date", "seq"]).execute();
  await db.schema.createIndex("search_entries_scope").on("search_entries").columns(["scope_type", "scope_id"]).execute();

  if (pg) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX search_entries_trgm ON search_entries USING gin (search_text gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
    search_text, content='search_entries', content_rowid='seq', tokenize='trigram')`.execute(db);
  await sql`CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_fts(rowid, search_text) VALUES (new.seq, new.search_text);
  END`.execute(db);
  await sql`CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_fts(search_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
  END`.execute(db);
  await sql`CREATE TRIGGER search_entries_au AFTER UPDATE OF search_text ON search_entries BEGIN
    INSERT INTO search_fts(search_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
    INSERT INTO search_fts(rowid, search_text) VALUES (new.seq, new.search_text);
  END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
  await db.schema.dropTable("search_entries").execute();
}
