import type { z } from "zod";
import type { DecisionEntry, decisionQuery } from "../../../shared/api/meetings.js";
import { type Page, pageArray } from "../../../shared/api/paging.js";
import type { Disclosure } from "../../../shared/api/publication.js";
import type { Ctx } from "../../platform/context.js";
import { authorize } from "../../platform/policy/authorize.js";
import { agendaTitles, type PublishedMinutesRow, publishedMinutesRows } from "./decisions-repo.js";
import { visibleBodies } from "./meetings.js";
import { meetingName } from "./naming.js";
import { disclosed } from "./present.js";

const fold = (s: string) => s.normalize("NFKC").toLowerCase();

export interface MeetingOutcomes {
  minutes: PublishedMinutesRow;
  /** The outcome of each agenda item, in agenda order. */
  outcomes: { agendaItemId: string; agendaTitle: string; decision: string; disclosure?: Disclosure }[];
}

/**
 * The latest published revision of each meeting's minutes (rows newest revision first per meeting, as
 * publishedMinutesRows gives them) with its outcomes in agenda order; the register and the 部会・WG reports read these.
 */
export async function latestOutcomes(ctx: Ctx, rows: PublishedMinutesRow[]): Promise<MeetingOutcomes[]> {
  const seen = new Set<string>();
  const latest = rows.filter((r) => !seen.has(r.meeting_id) && seen.add(r.meeting_id));
  const parsed = latest.map((r) => ({ r, o: Object.entries(JSON.parse(r.outcomes) as Record<string, string>) }));
  const items = new Map(
    (
      await agendaTitles(
        ctx,
        parsed.flatMap((x) => x.o.map(([id]) => id)),
      )
    ).map((a) => [a.id, a]),
  );
  return parsed.map(({ r, o }) => ({
    minutes: r,
    outcomes: o
      .filter(([id]) => items.has(id))
      .sort(([a], [b]) => items.get(a)!.position - items.get(b)!.position)
      .map(([id, decision]) => ({
        agendaItemId: id,
        agendaTitle: items.get(id)!.title,
        decision,
        disclosure: items.get(id)!.disclosure,
      })),
  }));
}

/**
 * 決定事項 across the meetings of every body the actor may see: each agenda item's outcome in the latest
 * published minutes, newest meeting first; filtered by body, fiscal year and words (title, decision, meeting).
 */
export async function listDecisions(ctx: Ctx, q: z.infer<typeof decisionQuery>): Promise<Page<DecisionEntry>> {
  authorize(ctx.actor, "decisions.read");
  const bodies = await visibleBodies(ctx);
  const ids = q.bodyId ? [...bodies.keys()].filter((id) => id === q.bodyId) : [...bodies.keys()];
  const meetings = await latestOutcomes(ctx, await publishedMinutesRows(ctx, ids, { fiscalYear: q.fiscalYear }));
  const words = q.q ? fold(q.q).split(/\s+/).filter(Boolean) : [];
  const out: DecisionEntry[] = [];
  for (const { minutes: r, outcomes } of meetings) {
    const name = meetingName(r, r.body_name);
    // 委員限り minutes and items: the body's members only.
    const subject = bodies.get(r.body_id)!.subject;
    if (!disclosed(ctx.actor, subject, r) || !disclosed(ctx.actor, subject, { disclosure: r.minutes_disclosure })) continue;
    for (const { agendaItemId, agendaTitle, decision, disclosure } of outcomes) {
      if (!disclosed(ctx.actor, subject, { disclosure })) continue;
      const hay = fold(`${agendaTitle}\n${decision}\n${name}`);
      if (words.some((w) => !hay.includes(w))) continue;
      out.push({
        meetingId: r.meeting_id,
        meetingName: name,
        body: { id: r.body_id, name: r.body_name },
        fiscalYear: r.fiscal_year,
        heldAt: r.starts_at,
        agendaItemId,
        agendaTitle,
        decision,
      });
    }
  }
  return pageArray(out, q);
}
