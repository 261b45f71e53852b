import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { isPrefectureStaff, runsCouncil } from "../../platform/policy/predicates.js";

const policies = {
  // The rules and thresholds behind suggestions are the council secretariat's.
  "insight.rules.read": runsCouncil,
  "insight.rules.update": runsCouncil,
  // Suggestions draw on the desk, surveys and every town's progress: the council secretariat's view, not a body chair's.
  "insight.suggest": runsCouncil,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

const policies2 = {
  // The radar: prefecture staff (the specialists see where they are sent); the plan of hours is the secretariat's.
  "insight.radar.read": isPrefectureStaff,
  "insight.radar.plan": runsCouncil,
} satisfies Policies;
definePolicies(policies2);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies2> {}
}

const policies3 = {
  // The annual report (取組状況報告) draws on every body, the desk and every town's progress: the secretariat's.
  "insight.report": runsCouncil,
} satisfies Policies;
definePolicies(policies3);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies3> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type InsightEvent = "insight.rules" | "insight.dismiss" | "insight.accept" | "insight.radarPlan" | "insight.report";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<InsightEvent, true> {}
}
