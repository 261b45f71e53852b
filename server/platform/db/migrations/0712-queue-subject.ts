import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The desk queue's "subject contains" filter (issue 13). PostgreSQL: a pg_trgm GIN index (the
 * extension comes from 0500) answers ILIKE '%term%' for terms of three characters or more. SQLite: an
 * index of the subject alone, so counting the matches reads the short subjects, not every whole row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`CREATE INDEX consultations_subject ON consultations USING gin (subject gin_trgm_ops)`.execute(db);
  else await db.schema.createIndex("consultations_subject").on("consultations").column("subject").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("consultations_subject").execute();
}
