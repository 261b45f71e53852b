import { type Kysely, sql } from "kysely";

/**
 * Search learns the 委員限り ("members") scope (issue 15). A meeting already 委員限り as a whole was indexed
 * in its body's scope, where every reader of the body could find it: its entry moves to the members scope
 * now, on upgrade, instead of when the meeting next changes. (Its 委員限り parts were never indexed; they
 * join search when the meeting is next saved.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE search_entries SET scope_type = 'members'
    WHERE kind = 'meeting' AND ref_id IN (SELECT id FROM meetings WHERE disclosure = 'members')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`UPDATE search_entries SET scope_type = 'body'
    WHERE kind = 'meeting' AND scope_type = 'members' AND ref_id NOT LIKE '%:members'`.execute(db);
  await sql`DELETE FROM search_entries WHERE kind = 'meeting' AND ref_id LIKE '%:members'`.execute(db);
}
