import type { Kysely } from "kysely";

/** Insight (issue 18): each organisation's digital-staff headcount (デジタル人材の人数), null until its admin enters it. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("orgs").addColumn("digital_staff", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("orgs").dropColumn("digital_staff").execute();
}
