import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";

const policies = {
  // The secretariat (and the system admin) run the April 人事異動.
  "handover.manage": runsCouncil,
  // A 引継ぎ書 is read by its successor and by those who ran the hand-over.
  "handover.letter.read": (a, t?: { successorId: string }) => runsCouncil(a) || (!!a && t?.successorId === a.userId),
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type HandoverEvent = "handover.apply" | "handover.schedule" | "handover.person";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<HandoverEvent, true> {}
}
