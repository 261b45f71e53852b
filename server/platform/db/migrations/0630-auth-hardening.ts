import type { Kysely } from "kysely";

/** The time step of the last accepted TOTP code: a code (or one of an earlier step) is accepted once only. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("totp_last_step", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("totp_last_step").execute();
}
