import type { Actor } from "../../platform/context.js";
import { definePolicies } from "../../platform/policy/authorize.js";
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

definePolicies({
  // The rule of search's "body" scope: meetings, notices, documents and challenges of a body follow it.
  "body.read": (a, b?: BodySubject) => seesBody(a, b),
  "body.create": runsCouncil,
  "body.update": (a) => runsCouncil(a),
  "body.manageMembers": runsBody,
});
