import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { visibleBody } from "../bodies/service.js";
import type { MeetingSubject } from "./policy.js";
import { findMeetingRow } from "./repo.js";

const fullMember = new Set(["chair", "vice_chair", "member"]);

type Members = Awaited<ReturnType<typeof visibleBody>>["members"];

export function subjectOf(
  ctx: Ctx,
  base: { visibility: "all" | "members"; myPosition: string | null; myPersonalPosition: string | null },
  members: Members,
): MeetingSubject {
  const orgId = ctx.actor?.orgId;
  const mine = members.filter((m) => m.org_id && m.org_id === orgId);
  return {
    ...base,
    orgIsMember: mine.some((m) => fullMember.has(m.position)),
    orgAttends: mine.length > 0,
  };
}

/** Loads a meeting the actor may see (its body is visible to them), or 404. */
export async function visibleMeeting(ctx: Ctx, id: string) {
  const row = await findMeetingRow(ctx, id);
  if (!row) throw notFound("会議");
  let body: Awaited<ReturnType<typeof visibleBody>>;
  try {
    body = await visibleBody(ctx, row.body_id);
  } catch {
    throw notFound("会議");
  }
  return { row, body: body.row, members: body.members, subject: subjectOf(ctx, body.subject, body.members) };
}

export type LoadedMeeting = Awaited<ReturnType<typeof visibleMeeting>>;
