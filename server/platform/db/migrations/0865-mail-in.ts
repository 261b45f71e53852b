import type { Kysely } from "kysely";

/**
 * Mail-in for the consultation desk (issue 16): every accepted message's Message-ID once
 * (`consultation_mail_in`, unique, so a second delivery — or a second instance receiving the same
 * message — creates nothing), and the thread an outgoing mail belongs to (`mail_outbox.thread_ref`,
 * e.g. "consultation:<id>"), so an answer naming its Message-ID in In-Reply-To/References finds the thread.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("consultation_mail_in")
    .addColumn("message_id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.references("consultations.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("consultation_mail_in_consultation").on("consultation_mail_in").column("consultation_id").execute();
  await db.schema.alterTable("mail_outbox").addColumn("thread_ref", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mail_outbox").dropColumn("thread_ref").execute();
  await db.schema.dropTable("consultation_mail_in").execute();
}
