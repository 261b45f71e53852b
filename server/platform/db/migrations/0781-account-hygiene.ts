import type { Kysely } from "kysely";

/** Accounts hygiene (issue 17): when each account was last used, to flag the ones left unused. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("last_seen_at", "text").execute();
  await db.schema.createIndex("users_org_last_seen").on("users").columns(["org_id", "last_seen_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("users_org_last_seen").execute();
  await db.schema.alterTable("users").dropColumn("last_seen_at").execute();
}
