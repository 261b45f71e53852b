import type { Actor } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";

export interface ChallengeSubject {
  /** No body, or the actor may see the body the challenge belongs to. */
  visible: boolean;
  /** The challenge was posted by the actor's organisation. */
  ownOrg: boolean;
}

const runsCouncil = (a: Actor) => a.role === "admin" || a.role === "secretariat";

const policies = {
  "challenge.list": () => true,
  /** Municipalities post their challenges; the secretariat may post on their behalf. */
  "challenge.create": (a) => a.role === "municipal" || runsCouncil(a),
  "challenge.read": (_a, c?: ChallengeSubject) => !!c?.visible,
  "challenge.edit": (a, c?: ChallengeSubject) => !!c?.visible && (runsCouncil(a) || (a.role === "municipal" && !!c?.ownOrg)),
  /** "We have this too" is a municipality speaking for itself about another's challenge. */
  "challenge.share": (a, c?: ChallengeSubject) => !!c?.visible && a.role === "municipal" && !c.ownOrg,
  "challenge.comment": (a, c?: ChallengeSubject) => !!c?.visible && a.role !== "observer",
  "challenge.deleteComment": (a, c?: ChallengeSubject & { ownComment: boolean }) =>
    !!c?.visible && (runsCouncil(a) || (a.role !== "observer" && c.ownComment)),
  "challenge.setStatus": (a, c?: ChallengeSubject) => !!c?.visible && runsCouncil(a),
  "challenge.linkMeeting": (a, c?: ChallengeSubject) => !!c?.visible && runsCouncil(a),
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type ChallengesEvent =
  | "challenge.attach"
  | "challenge.comment"
  | "challenge.create"
  | "challenge.delete"
  | "challenge.deleteComment"
  | "challenge.detach"
  | "challenge.linkMeeting"
  | "challenge.setStatus"
  | "challenge.share"
  | "challenge.shareSolution"
  | "challenge.unshare"
  | "challenge.update";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<ChallengesEvent, true> {}
}
