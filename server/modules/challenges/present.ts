import type { Challenge } from "../../../shared/api/challenges.js";
import type { Ctx } from "../../platform/context.js";
import { abilities } from "../../platform/policy/authorize.js";
import { challengeSubject } from "./access.js";
import type { ChallengeListRow } from "./repo.js";

const challengeAbilityMap = {
  canEdit: "challenge.edit",
  canShare: "challenge.share",
  canComment: "challenge.comment",
  canSetStatus: "challenge.setStatus",
  canLinkMeeting: "challenge.linkMeeting",
} as const;

export function presentChallenge(ctx: Ctx, r: ChallengeListRow, bodies: Map<string, string>): Challenge {
  const subject = challengeSubject(ctx, r, bodies);
  return {
    id: r.id,
    title: r.title,
    theme: r.theme,
    body: r.body_id ? { id: r.body_id, name: r.body_name ?? "" } : null,
    status: r.status,
    org: { id: r.org_id, name: r.org_name },
    shareCount: r.share_count,
    sharedByMyOrg: !!r.shared_by_me,
    commentCount: Number(r.comment_count),
    solutionCount: Number(r.solution_count),
    meetingId: r.meeting_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: abilities(ctx.actor, subject, challengeAbilityMap),
  };
}
