import type { Generated } from "kysely";
import type { SearchKindName } from "../../../shared/api/search.js";

export type SearchKind = SearchKindName;

export interface SearchEntriesTable {
  seq: Generated<number>;
  kind: SearchKind;
  ref_id: string;
  title: string;
  /** NFKC-normalised title + text, the column the n-gram index covers and snippets are cut from. */
  search_text: string;
  /** "YYYY-MM-DD": publication, meeting or upload date; the date filter applies to it. */
  date: string | null;
  link: string;
  scope_type: "all" | "body" | "members" | "org" | "staff";
  scope_id: string | null;
  updated_at: string;
}

export interface SearchTables {
  search_entries: SearchEntriesTable;
}
