import type { Kysely } from "kysely";

/** Body spaces (issue 15): a programme may be owned by a body (its space shows the programme's progress). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("progress_programmes")
    .addColumn("body_id", "text", (c) => c.references("bodies.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("progress_programmes_body").on("progress_programmes").column("body_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("progress_programmes_body").execute();
  await db.schema.alterTable("progress_programmes").dropColumn("body_id").execute();
}
