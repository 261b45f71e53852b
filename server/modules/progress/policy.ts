import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";

/** Progress is read by every signed-in member; a municipality writes only its own rows. */
const policies = {
  "progress.read": () => true,
  /** Defining programmes, items, steps and metrics. */
  "progress.manage": runsCouncil,
  /** May write some progress (gate before the per-organisation check). */
  "progress.updateAny": (a) => runsCouncil(a) || a.role === "municipal",
  "progress.update": (a, s?: { orgId: string }) => runsCouncil(a) || (a.role === "municipal" && !!s && s.orgId === a.orgId),
  "progress.import": (a) => runsCouncil(a) || a.role === "municipal",
  "progress.export": () => true,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type ProgressEvent =
  | "progress.import"
  | "progress.remind"
  | "progress.seed"
  | "progressDefinition.import"
  | "progressItem.create"
  | "progressItem.update"
  | "progressMetric.create"
  | "progressMetric.update"
  | "progressProgramme.create"
  | "progressProgramme.update"
  | "progressStep.create"
  | "progressStep.update"
  | "progressTarget.create"
  | "progressTarget.delete"
  | "progressTarget.update"
  | "progress.export";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<ProgressEvent, true> {}
}
