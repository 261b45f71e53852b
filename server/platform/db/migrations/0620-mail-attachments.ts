import type { Kysely } from "kysely";

/** Mail attachments kept with the message in the outbox (JSON: [{ filename, contentType, content }]), e.g. a meeting's .ics. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mail_outbox").addColumn("attachments", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mail_outbox").dropColumn("attachments").execute();
}
