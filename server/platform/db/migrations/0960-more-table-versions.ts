import type { Kysely } from "kysely";
import { addTableCounters, dropTableCounters } from "./0950-table-versions.js";

/**
 * Counters for the tables the home page's cards, the notification list and search read, so they are
 * kept in memory like the lists (versioned-cache.ts): upcoming meetings and my organisation's
 * attendance, date polls and minutes reviews awaiting it, my next steps as a specialist, my
 * notifications; the search index and the rolls that decide what a person may find.
 */
const tables: [table: string, columns?: string][] = [
  ["meeting_attendance"],
  ["date_polls"],
  ["date_poll_responses"],
  ["minutes_reviews"],
  ["minutes_review_answers"],
  ["support_specialists"],
  ["support_engagements"],
  ["support_next_steps"],
  ["notifications"],
  ["search_entries"],
  ["body_members"],
];

export const up = (db: Kysely<any>) => addTableCounters(db, tables);
export const down = (db: Kysely<any>) => dropTableCounters(db, tables);
