import type { Actor } from "../../platform/context.js";
import { definePolicies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";

/** What the rules need to know about a meeting's body and the actor's standing in it. */
export interface MeetingSubject {
  visibility: "all" | "members";
  myPosition: string | null;
  myPersonalPosition: string | null;
  /** The actor's organisation is a full member (chair, vice chair or member) of the body. */
  orgIsMember: boolean;
  /** The actor's organisation is on the body's roll (members and observers), so it answers attendance. */
  orgAttends: boolean;
}

/** The body's chair or secretariat (personally), or the council secretariat, run its meetings. */
export const runsBody = (a: Actor, s?: MeetingSubject) =>
  runsCouncil(a) || s?.myPersonalPosition === "chair" || s?.myPersonalPosition === "secretariat";

definePolicies({
  // The register of decisions: every signed-in user, over the bodies they may see.
  "decisions.read": () => true,
  "meeting.create": runsBody,
  "meeting.manage": runsBody,
  // The chair's approval: recorded by the chair personally or by the secretariat on the chair's behalf.
  "meeting.approveMinutes": (a, s?: MeetingSubject) => runsCouncil(a) || s?.myPersonalPosition === "chair",
  "agenda.propose": (a, s?: MeetingSubject) => a.role !== "observer" && (!!s?.orgIsMember || runsBody(a, s)),
  "attendance.answer": (a, s?: MeetingSubject) => !!s?.orgAttends || runsBody(a, s),
  "action.updateStatus": (a, s?: MeetingSubject & { ownerOrgId: string }) =>
    runsBody(a, s) || (a.role !== "observer" && a.orgId === s?.ownerOrgId),
});
