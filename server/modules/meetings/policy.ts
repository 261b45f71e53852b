import type { Actor } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";
import { seesMembersScope } from "../search/index.js";

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

const policies = {
  // 委員限り (disclosure "members"): the body's members — in person or through any organisation on its roll — and
  // those who run it (the council secretariat; the body's chair and secretariat are on its roll). Others get a 404,
  // never a 403. The rule of search's "members" scope, so a 委員限り entry is found by exactly these people.
  "meeting.readMembersOnly": (a, s?: MeetingSubject) => seesMembersScope(a, s),
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
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type MeetingsEvent =
  | "action.create"
  | "action.remind"
  | "action.update"
  | "agenda.accept"
  | "agenda.add"
  | "agenda.addChildReports"
  | "agenda.adopt"
  | "agenda.defer"
  | "agenda.order"
  | "agenda.propose"
  | "agenda.reject"
  | "agenda.update"
  | "agenda.withdraw"
  | "attendance.answer"
  | "attendance.answerOnBehalf"
  | "attendance.roll"
  | "calendar.createFeed"
  | "calendar.revokeFeed"
  | "material.delete"
  | "material.order"
  | "material.replace"
  | "material.update"
  | "material.upload"
  | "meeting.announce"
  | "meeting.cancel"
  | "meeting.create"
  | "meeting.hold"
  | "meeting.prepareNext"
  | "meeting.update"
  | "minutes.approve"
  | "minutes.correct"
  | "minutes.publish"
  | "minutes.save"
  | "meeting.remind.attendance"
  | "meeting.remind.proposal"
  | "agenda.refer"
  | "meeting.renumber";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<MeetingsEvent, true> {}
}
