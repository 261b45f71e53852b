import type { Actor } from "../../platform/context.js";
import { definePolicies } from "../../platform/policy/authorize.js";

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
  "body.read": (a, b?: BodySubject) => runsCouncil(a) || b?.visibility === "all" || !!b?.myPosition,
  "body.create": runsCouncil,
  "body.update": (a) => runsCouncil(a),
  "body.manageMembers": runsBody,
});
