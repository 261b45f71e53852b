import type { Kysely } from "kysely";

/** From desk to support: the consultation a support engagement grew out of (shown on both pages). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("support_engagements")
    .addColumn("consultation_id", "text", (c) => c.references("consultations.id"))
    .execute();
  await db.schema.createIndex("support_engagements_consultation").on("support_engagements").column("consultation_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("support_engagements_consultation").execute();
  await db.schema.alterTable("support_engagements").dropColumn("consultation_id").execute();
}
