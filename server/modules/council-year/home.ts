import type { HomeDeadline } from "../../../shared/api/home.js";
import { type Ctx, nowIso } from "../../platform/context.js";
import { meetingName, visibleBodies } from "../meetings/index.js";
import { unansweredPollRows } from "./polls-repo.js";
import { answeredReviewIds, openReviewRows } from "./review-repo.js";

/**
 * The home page's part of the council's year: date polls my organisation has not answered and minutes
 * reviews it is asked to take part in and has not finished, while they are open, earliest deadline first.
 */
export async function yearDeadlines(ctx: Ctx): Promise<HomeDeadline[]> {
  const orgId = ctx.actor?.orgId;
  if (!orgId) return [];
  const bodies = await visibleBodies(ctx);
  const now = nowIso();
  const attending = [...bodies].filter(([, b]) => b.subject.orgAttends).map(([id]) => id);
  const out: HomeDeadline[] = (await unansweredPollRows(ctx, attending, orgId, now)).map((p) => ({
    kind: "poll",
    title: p.title,
    deadline: p.deadline,
    link: `/date-polls/${p.id}`,
  }));
  const open = await openReviewRows(ctx, now);
  const answered = new Set(
    await answeredReviewIds(
      ctx,
      orgId,
      open.map((r) => r.id),
    ),
  );
  for (const r of open) {
    const body = bodies.get(r.body_id);
    if (!body || answered.has(r.id) || !(JSON.parse(r.org_ids) as string[]).includes(orgId)) continue;
    out.push({
      kind: "review",
      title: meetingName(r, body.name),
      deadline: r.deadline,
      link: `/meetings/${r.meeting_id}/minutes`,
    });
  }
  return out.sort((a, b) => a.deadline.localeCompare(b.deadline));
}
