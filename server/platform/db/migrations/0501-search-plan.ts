import type { Kysely } from "kysely";

/**
 * Drops the (scope_type, scope_id) index of 0500: the visibility filter is an OR over scopes, and with
 * that index SQLite's planner chose a multi-index OR scan plus a sort over every visible row instead of
 * walking the date index (short terms) or the n-gram match (long terms). Search never lists by scope alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("search_entries_scope").ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("search_entries_scope").on("search_entries").columns(["scope_type", "scope_id"]).execute();
}
