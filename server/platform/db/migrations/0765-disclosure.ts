import type { Kysely } from "kysely";

/**
 * Publication (issue 15): a disclosure level (公開 public / 非公開 closed / 委員限り members) on meetings,
 * their minutes, agenda items and materials, and on programmes for the open-data progress figures.
 * Everything existing stays not public: publication is always a decision someone makes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const level = (table: string, column: string) =>
    db.schema
      .alterTable(table)
      .addColumn(column, "text", (c) => c.notNull().defaultTo("closed"))
      .execute();
  await level("meetings", "disclosure");
  await level("meetings", "minutes_disclosure");
  await level("agenda_items", "disclosure");
  await level("meeting_materials", "disclosure");
  await level("progress_programmes", "disclosure");
  // The public site lists published meetings newest first.
  await db.schema.createIndex("meetings_disclosure_starts").on("meetings").columns(["disclosure", "starts_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("meetings_disclosure_starts").execute();
  await db.schema.alterTable("progress_programmes").dropColumn("disclosure").execute();
  await db.schema.alterTable("meeting_materials").dropColumn("disclosure").execute();
  await db.schema.alterTable("agenda_items").dropColumn("disclosure").execute();
  await db.schema.alterTable("meetings").dropColumn("minutes_disclosure").execute();
  await db.schema.alterTable("meetings").dropColumn("disclosure").execute();
}
