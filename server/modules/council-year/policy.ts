import type { Actor } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { type MeetingSubject, runsBody } from "../meetings/index.js";

const runsCouncil = (a: Actor) => a.role === "admin" || a.role === "secretariat";

const policies = {
  // Everyone signed in sees the plan; entries of bodies they cannot see are left out.
  "yearPlan.read": () => true,
  // A body's meetings are planned by whoever runs them (its chair or secretariat, the council secretariat).
  "yearPlan.planBody": (a, s?: MeetingSubject) => runsBody(a, s),
  // Milestones (national deadlines, the budget cycle) and copying the whole plan are the council secretariat's.
  "yearPlan.manage": runsCouncil,
  "datePoll.manage": (a, s?: MeetingSubject) => runsBody(a, s),
  // As attendance: an organisation on the body's roll answers for itself; the body's runners may answer on its behalf.
  "datePoll.answer": (a, s?: MeetingSubject) => !!s?.orgAttends || runsBody(a, s),
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type CouncilYearEvent =
  | "datePoll.answer"
  | "datePoll.create"
  | "datePoll.decide"
  | "datePoll.remind"
  | "minutesReview.answer"
  | "minutesReview.close"
  | "minutesReview.decide"
  | "minutesReview.remind"
  | "minutesReview.start"
  | "minutesReview.suggest"
  | "yearPlan.copy"
  | "yearPlan.create"
  | "yearPlan.delete"
  | "yearPlan.update";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<CouncilYearEvent, true> {}
}
