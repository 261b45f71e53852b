import { type Actor, isPrefectureStaff } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";

/** What the rules need of an engagement: whose it is. */
export interface EngagementSubject {
  org_id: string;
}

const staff = (a: Actor) => isPrefectureStaff(a);
/** The supported municipality and prefecture staff; nobody else learns an engagement exists. */
const reads = (a: Actor, e?: EngagementSubject) => staff(a) || (!!e && a.role === "municipal" && e.org_id === a.orgId);

const policies = {
  "support.list": (a) => staff(a) || a.role === "municipal",
  "support.read": reads,
  "support.manage": staff,
  "support.comment": reads,
  // The municipality may tick off next steps it owns; staff any.
  "support.updateStep": reads,
  "support.workload": staff,
  // Time is logged by the desk's people: specialists and the secretariat.
  "support.logTime": (a) => a.role === "specialist" || a.role === "secretariat",
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type SupportEvent =
  | "support.addStep"
  | "support.comment"
  | "support.create"
  | "support.logSession"
  | "support.logTime"
  | "support.update"
  | "support.updateStep";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<SupportEvent, true> {}
}
