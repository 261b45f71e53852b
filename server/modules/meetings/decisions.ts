import type { z } from "zod";
import type { DecisionEntry, decisionQuery } from "../../../shared/api/meetings.js";
import { type Page, pageArray } from "../../../shared/api/paging.js";
import type { Ctx } from "../../platform/context.js";
import { authorize } from "../../platform/policy/authorize.js";
import { agendaTitles, publishedMinutesRows } from "./decisions-repo.js";
import { visibleBodies } from "./meetings.js";
import { meetingName } from "./naming.js";

const fold = (s: string) => s.normalize("NFKC").toLowerCase();

/**
 * 決定事項 across the meetings of every body the actor may see: each agenda item's outcome in the latest
 * published minutes, newest meeting first; filtered by body, fiscal year and words (title, decision, meeting).
 */
export async function listDecisions(ctx: Ctx, q: z.infer<typeof decisionQuery>): Promise<Page<DecisionEntry>> {
  authorize(ctx.actor, "decisions.read");
  const bodies = await visibleBodies(ctx);
  const ids = q.bodyId ? [...bodies.keys()].filter((id) => id === q.bodyId) : [...bodies.keys()];
  const seen = new Set<string>();
  const latest = (await publishedMinutesRows(ctx, ids, q.fiscalYear)).filter(
    (r) => !seen.has(r.meeting_id) && seen.add(r.meeting_id),
  );
  const outcomes = latest.map((r) => ({ r, o: Object.entries(JSON.parse(r.outcomes) as Record<string, string>) }));
  const items = new Map(
    (
      await agendaTitles(
        ctx,
        outcomes.flatMap((x) => x.o.map(([id]) => id)),
      )
    ).map((a) => [a.id, a]),
  );
  const words = q.q ? fold(q.q).split(/\s+/).filter(Boolean) : [];
  const out: DecisionEntry[] = [];
  for (const { r, o } of outcomes) {
    const name = meetingName(r, r.body_name);
    const sorted = o.filter(([id]) => items.has(id)).sort(([a], [b]) => items.get(a)!.position - items.get(b)!.position);
    for (const [id, decision] of sorted) {
      const title = items.get(id)!.title;
      const hay = fold(`${title}\n${decision}\n${name}`);
      if (words.some((w) => !hay.includes(w))) continue;
      out.push({
        meetingId: r.meeting_id,
        meetingName: name,
        body: { id: r.body_id, name: r.body_name },
        fiscalYear: r.fiscal_year,
        heldAt: r.starts_at,
        agendaItemId: id,
        agendaTitle: title,
        decision,
      });
    }
  }
  return pageArray(out, q);
}
