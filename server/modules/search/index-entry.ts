import { jstDay } from "../../../shared/dates/format.js";
import type { Ctx } from "../../platform/context.js";
import { nowIso } from "../../platform/context.js";
import { markdownToText } from "../../platform/text/markdown.js";
import { normalizeText } from "./normalize.js";
import { deleteEntry, upsertEntry } from "./repo.js";
import type { SearchKind } from "./tables.js";

/**
 * Who may find an entry: the rules of scopes.ts, which the detail routes use too, resolved at query time in SQL:
 * - `all`: every signed-in user;
 * - `body`: follows the body's visibility now (open body → everyone; members-only body → its
 *   member organisations and persons, plus admin/secretariat), so a body turning private needs no reindex;
 * - `members`: 委員限り things of a body: its current members (in person or through their organisation) and
 *   admin/secretariat, whatever the body's visibility;
 * - `org`: that organisation's municipal users (not its observers) plus prefecture staff — consultations;
 * - `staff`: prefecture staff only (admin, secretariat, specialist).
 */
export type SearchScope =
  | { type: "all" }
  | { type: "body"; bodyId: string }
  | { type: "members"; bodyId: string }
  | { type: "org"; orgId: string }
  | { type: "staff" };

export interface SearchEntryInput {
  kind: SearchKind;
  /** The id of the thing in its own module; (kind, refId) is unique. */
  refId: string;
  title: string;
  /** Body text: description, Markdown source, extracted file text, agenda… (capped at 200,000 characters; Markdown marks are dropped). */
  text: string;
  /** "YYYY-MM-DD" (or an ISO timestamp, cut to its date) used for sorting and the date filter; null = today. */
  date: string | null;
  /** Where the web app opens the thing, e.g. `/notices/<id>`. */
  link: string;
  scope: SearchScope;
}

const maxText = 200_000;

/**
 * Adds or replaces the search entry of one thing. Call it from your service inside the same
 * transaction as the change (`inTx`), passing that transaction's ctx, so the index never shows
 * something that was rolled back:
 *
 *   await inTx(ctx, async (tx) => {
 *     ...update your rows...
 *     await indexEntry(tx, { kind: "meeting", refId: id, title, text: agendaText, date: "2025-06-10",
 *       link: `/meetings/${id}`, scope: { type: "body", bodyId } });
 *   });
 *
 * Index only what is published: when a thing goes back to draft, is archived from search or
 * deleted, call `removeEntry(tx, kind, refId)`. Changing the scope is just another indexEntry call.
 */
export async function indexEntry(ctx: Ctx, input: SearchEntryInput): Promise<void> {
  const title = input.title.replace(/\s+/g, " ").trim();
  // Two closing line breaks make every occurrence of a one- or two-character term start a trigram
  // (see migration 0502): short queries are then answered from the trigram vocabulary on SQLite.
  // Formatted text is indexed as its words, so snippets never show 「**」, 「#」 or table pipes.
  const body = markdownToText(input.text.slice(0, maxText));
  const searchText = `${normalizeText(`${title}\n${body}`).slice(0, maxText)}\n\n`;
  const row = {
    title,
    search_text: searchText,
    // Always a date, so "newest first" sorts the same on both engines (they order NULLs differently).
    // The Japan day: an instant late in the evening UTC already belongs to the next day in Japan.
    date: jstDay(input.date ?? nowIso()) ?? nowIso().slice(0, 10),
    link: input.link,
    scope_type: input.scope.type,
    scope_id: "bodyId" in input.scope ? input.scope.bodyId : input.scope.type === "org" ? input.scope.orgId : null,
    updated_at: nowIso(),
  };
  await upsertEntry(ctx, input.kind, input.refId, row);
}

/** Removes a thing from the search index (no-op when it was not indexed). Call inside the caller's transaction. */
export async function removeEntry(ctx: Ctx, kind: SearchKind, refId: string): Promise<void> {
  await deleteEntry(ctx, kind, refId);
}
