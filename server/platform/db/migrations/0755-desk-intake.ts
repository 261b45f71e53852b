import type { Kysely } from "kysely";

/**
 * Desk intake on a town's behalf: how a consultation reached the desk (portal when the town filed it
 * itself; phone, mail, visit or meeting when prefecture staff filed it for the town) and who asked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("consultations")
    .addColumn("channel", "text", (c) => c.notNull().defaultTo("portal"))
    .execute();
  await db.schema
    .alterTable("consultations")
    .addColumn("asker_name", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("consultations")
    .addColumn("asker_user_id", "text", (c) => c.references("users.id"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("consultations").dropColumn("asker_user_id").execute();
  await db.schema.alterTable("consultations").dropColumn("asker_name").execute();
  await db.schema.alterTable("consultations").dropColumn("channel").execute();
}
