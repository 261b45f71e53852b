import type { Kysely } from "kysely";

/**
 * Failed sign-ins per client address and failed TOTP codes per account (auth/throttle.ts), in the database
 * so that every instance counts the same failures: behind N instances an attacker gets the budget once,
 * not N times. Rows older than the window are deleted as new failures are recorded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_failures")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("failed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_in_failures_key").on("sign_in_failures").columns(["scope", "key", "failed_at"]).execute();
  await db.schema.createIndex("sign_in_failures_at").on("sign_in_failures").columns(["scope", "failed_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sign_in_failures").execute();
}
