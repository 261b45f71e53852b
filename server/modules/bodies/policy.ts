import type { Actor } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { seesBody } from "../search/index.js";

/** What the policy needs to know of a body: its visibility and the actor's standing in it. */
export interface BodySubject {
  visibility: "all" | "members";
  /** The actor's own position (as a person) or their organisation's, if any. */
  myPosition: string | null;
  myPersonalPosition: string | null;
}

const runsCouncil = (a: Actor) => a.role === "admin" || a.role === "secretariat";
const runsBody = (a: Actor, b?: BodySubject) =>
  runsCouncil(a) || b?.myPersonalPosition === "chair" || b?.myPersonalPosition === "secretariat";

const policies = {
  // The rule of search's "body" scope: meetings, notices, documents and challenges of a body follow it.
  "body.read": (a, b?: BodySubject) => seesBody(a, b),
  "body.create": runsCouncil,
  "body.update": (a) => runsCouncil(a),
  "body.manageMembers": runsBody,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type BodiesEvent = "body.addMember" | "body.create" | "body.removeMember" | "body.update" | "body.updateMember";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<BodiesEvent, true> {}
}
