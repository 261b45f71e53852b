import { type Actor, isPrefectureStaff } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";

/** What the policy needs of a project: whether the actor stands in its body or takes part, and the table setting. */
export interface ProjectSubject {
  /** The actor (or their organisation) is a current member of the project's body. */
  bodyMember: boolean;
  /** The actor's organisation is a participant. */
  participant: boolean;
  tableOpen: boolean;
}

const runsCouncil = (a: Actor) => a.role === "admin" || a.role === "secretariat";
const sees = (a: Actor, p?: ProjectSubject) => isPrefectureStaff(a) || !!p?.bodyMember || !!p?.participant;

const policies = {
  "procurement.list": () => true,
  "procurement.create": runsCouncil,
  /** The project is for its body's members (and the prefecture's staff who run the council). */
  "procurement.read": (a, p?: ProjectSubject) => sees(a, p),
  "procurement.edit": (a, p?: ProjectSubject) => sees(a, p) && runsCouncil(a),
  /** The whole 負担金 table: the prefecture's staff always; members once the project opens it. */
  "procurement.seeTable": (a, p?: ProjectSubject) => isPrefectureStaff(a) || (sees(a, p) && !!p?.tableOpen),
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type ProcurementEvent =
  | "procurement.meetings.update"
  | "procurement.participants.update"
  | "procurement.phases.update"
  | "procurement.project.create"
  | "procurement.project.update"
  | "procurement.scenario.correct"
  | "procurement.scenario.create"
  | "procurement.scenario.freeze"
  | "procurement.scenario.update";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<ProcurementEvent, true> {}
}
