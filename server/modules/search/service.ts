import type { z } from "zod";
import type { SearchResult, searchQuery } from "../../../shared/api/search.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { cachedRead } from "../../platform/db/versioned-cache.js";
import { invalid } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { queryTerms } from "./normalize.js";
import { findEntries } from "./repo.js";
import { markTitle, snippet } from "./snippet.js";

/** One search box over everything indexed, filtered by what the actor may see, newest first. */
export async function search(ctx: Ctx, query: z.infer<typeof searchQuery>): Promise<SearchResult> {
  authorize(ctx.actor, "search.query");
  const terms = queryTerms(query.q);
  if (terms.length === 0) throw invalid("検索する言葉を入力してください。", [{ path: "q", message: "言葉を入力してください" }]);
  const actor = ctx.actor!;
  const f = { terms, kinds: query.kinds, from: query.from, to: query.to, limit: query.limit, offset: query.offset };
  // The page as shown (snippets, not the entries' whole text) is kept while the index and the bodies and
  // rolls behind visibility are unchanged: paging back, the back button and a repeated query cost no SQL.
  // What the actor may see depends on their role, organisation, person and today's date (a term's end).
  const key = JSON.stringify([f, actor.role, actor.orgId, actor.userId, jstDate()]);
  return cachedRead(ctx, ["search_entries", "bodies", "body_members"], key, async () => {
    const { rows, hasMore } = await findEntries(ctx, actor, f);
    return {
      items: rows.map((r) => ({
        kind: r.kind,
        refId: r.ref_id,
        title: r.title,
        titleHtml: markTitle(r.title, terms),
        snippetHtml: snippet(r.search_text, terms),
        date: r.date,
        link: r.link,
      })),
      hasMore,
      terms,
    };
  });
}
