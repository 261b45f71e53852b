import { type Kysely, sql } from "kysely";

/**
 * The desk queue at national scale (issue 13): every filter the queue offers is answered, count and
 * page, from an index that holds its filter and its sort with the id last (the queue's tie-break),
 * so no count reads the table and no page sorts. The open consultations — the queue's default — get
 * partial indexes of their own: a few thousand entries instead of every consultation ever filed.
 * The repository writes "open" as the literal `status not in ('resolved', 'closed')` these match.
 */
const open = sql<boolean>`status not in ('resolved', 'closed')`;

export async function up(db: Kysely<any>): Promise<void> {
  const idx = (name: string, columns: string[]) => db.schema.createIndex(name).on("consultations").columns(columns);
  await idx("consultations_open_due", ["next_due", "created_at", "id"]).where(open).execute();
  await idx("consultations_open_assignee", ["assignee_id", "next_due", "created_at", "id"]).where(open).execute();
  await idx("consultations_status_category", ["status", "category", "next_due", "created_at", "id"]).execute();
  await idx("consultations_category", ["category", "next_due", "created_at", "id"]).execute();
  await idx("consultations_org_created", ["org_id", "created_at", "id"]).execute();
  await idx("consultations_activity_id", ["last_activity_at", "id"]).execute();
  await idx("consultations_created_id", ["created_at", "id"]).execute();
  await idx("consultations_due_id", ["next_due", "created_at", "id"]).execute();
  // Superseded by the ones above (the same leading columns, now with the tie-break).
  for (const name of ["consultations_org", "consultations_activity", "consultations_created", "consultations_next_due"])
    await db.schema.dropIndex(name).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    "consultations_open_due",
    "consultations_open_assignee",
    "consultations_status_category",
    "consultations_category",
    "consultations_org_created",
    "consultations_activity_id",
    "consultations_created_id",
    "consultations_due_id",
  ])
    await db.schema.dropIndex(name).execute();
  await db.schema.createIndex("consultations_org").on("consultations").columns(["org_id", "created_at"]).execute();
  await db.schema.createIndex("consultations_created").on("consultations").column("created_at").execute();
  await db.schema.createIndex("consultations_next_due").on("consultations").columns(["next_due", "created_at"]).execute();
  await db.schema.createIndex("consultations_activity").on("consultations").column("last_activity_at").execute();
}
