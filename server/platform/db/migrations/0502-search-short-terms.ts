import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * SQLite: an fts5vocab view of the trigram index, used to plan each search term (server/modules/search/plan.ts):
 * how many entries hold a trigram, and which trigrams start with a one- or two-character term. Every
 * entry's text ends with two line breaks, so each occurrence of a short term begins some trigram; a
 * short term with no such trigram occurs nowhere and is answered at once instead of by a full scan.
 * PostgreSQL keeps pg_trgm (0500) and scans for short terms: its trigrams are hashed, so there is no
 * vocabulary to read (an index of character pairs was tried and made writes 20 times slower).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`DROP TABLE IF EXISTS search_fts_vocab`.execute(db);
}
