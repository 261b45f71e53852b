import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * PostgreSQL: one- and two-character search terms from an index instead of a scan. pg_trgm (0500) has
 * no trigram for them, so a rare or absent short word was checked with ILIKE on every entry (about a
 * second at 100,000 entries). `search_short_grams(text)` gives the characters and character pairs of
 * the lower-cased text with whitespace removed (whitespace never occurs in a term; dropping it only adds
 * candidates, which ILIKE then rejects), and a GIN expression index over it answers `@> ARRAY[term]`.
 * An expression index, not a side table: PostgreSQL keeps it with every write of the entry (GIN's pending
 * list makes the insert cheap), the table stores nothing more, and ANALYZE gathers the pairs' frequencies
 * so the planner walks the date index for common words and starts from this index for rare ones.
 * ILIKE lower-cases both sides with lower() in PostgreSQL too, so every entry ILIKE matches is a candidate.
 * SQLite keeps FTS5 with its trigram vocabulary (0502).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE FUNCTION search_short_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT string_to_array(l, NULL)
      || ARRAY(SELECT m[1] FROM regexp_matches(l, '..', 'g') AS m)
      || ARRAY(SELECT m[1] FROM regexp_matches(substr(l, 2), '..', 'g') AS m)
    FROM regexp_replace(lower(t), '\\s+', '', 'g') AS l
  $$`.execute(db);
  await sql`CREATE INDEX search_entries_short_grams ON search_entries USING gin (search_short_grams(search_text))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP INDEX IF EXISTS search_entries_short_grams`.execute(db);
  await sql`DROP FUNCTION IF EXISTS search_short_grams(text)`.execute(db);
}
