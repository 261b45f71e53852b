import type { Kysely } from "kysely";

/** 人事異動 finds what a person holds by their id: consultations they filed or asked, and their seats on bodies. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("consultations_created_by").on("consultations").column("created_by").execute();
  await db.schema.createIndex("consultations_asker_user").on("consultations").column("asker_user_id").execute();
  await db.schema.createIndex("body_members_user").on("body_members").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("body_members_user").execute();
  await db.schema.dropIndex("consultations_asker_user").execute();
  await db.schema.dropIndex("consultations_created_by").execute();
}
