import type { Kysely } from "kysely";

/**
 * Each municipality's online procedures counted by channel, kept on its row of progress_org_state
 * (progress/online.ts): "basis:mynaportal:other:excluded", the basis naming the procedure steps they
 * were counted over. Null until the first write or read computes it; a definition change makes the
 * basis differ, and a row with another basis is counted again from the step states.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("progress_org_state").addColumn("online", "text").execute();
}
