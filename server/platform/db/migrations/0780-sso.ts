import type { Kysely } from "kysely";

/**
 * Single sign-on (issue 17): the link between a provider's subject and a user, the sign-ins in flight
 * (state, nonce and PKCE verifier kept server-side, used once), and what a session needs for the
 * provider's logout and its multi-factor claim.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_identities")
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_login_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_identities_pk", ["provider", "subject"])
    .execute();
  await db.schema.createIndex("user_identities_user").on("user_identities").column("user_id").execute();

  await db.schema
    .createTable("sso_logins")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("return_to", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sso_logins_expires").on("sso_logins").column("expires_at").execute();

  await db.schema.alterTable("sessions").addColumn("sso_provider", "text").execute();
  await db.schema.alterTable("sessions").addColumn("sso_id_token", "text").execute();
  await db.schema
    .alterTable("sessions")
    .addColumn("idp_mfa", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("idp_mfa").execute();
  await db.schema.alterTable("sessions").dropColumn("sso_id_token").execute();
  await db.schema.alterTable("sessions").dropColumn("sso_provider").execute();
  await db.schema.dropTable("sso_logins").execute();
  await db.schema.dropTable("user_identities").execute();
}
