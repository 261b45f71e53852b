import type { Kysely } from "kysely";

/**
 * Each municipality's online procedures counted by channel, kept beside its cells in progress_org_state
 * (now) and progress_org_days (the end of each day with a change), as progress/online.ts writes them:
 * "basis:mynaportal:other:excluded", the basis naming the procedure steps they were counted over. Null
 * until counted; a definition change makes the basis differ, and such a row is counted again from the
 * step states (now) or their history (as of a day).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("progress_org_state").addColumn("online", "text").execute();
  await db.schema.alterTable("progress_org_days").addColumn("online", "text").execute();
  // "As of" a day: each municipality's latest day row up to it, answered from the index alone.
  await db.schema
    .createIndex("progress_org_days_online")
    .on("progress_org_days")
    .columns(["programme_id", "org_id", "day", "online"])
    .execute();
}
