import type { Kysely } from "kysely";

/**
 * SAML 2.0 sign-in (issue 17): the AuthnRequests in flight, by their ID, so that a response is accepted
 * only in reply to a request this service sent (InResponseTo), once, on whichever instance it arrives.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("saml_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("return_to", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("saml_requests_expires").on("saml_requests").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("saml_requests").execute();
}
