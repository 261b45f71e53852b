import { type Actor, isPrefectureStaff } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { seesOrgScope } from "../search/index.js";

/** What the rules need to know of a consultation. */
export interface ConsultationSubject {
  org_id: string;
  status: string;
  created_by: string;
  merged_into_id: string | null;
}

const staff = (a: Actor) => isPrefectureStaff(a);
const ownOrg = (a: Actor, c?: ConsultationSubject) => !!c && a.role === "municipal" && c.org_id === a.orgId;
/** The filing organisation's municipal users and prefecture staff (search's "org" scope); nobody else learns it exists. */
const reads = (a: Actor, c?: ConsultationSubject) => seesOrgScope(a, c?.org_id);

const policies = {
  "consultation.list": (a) => staff(a) || a.role === "municipal",
  // Towns file their own; the desk (secretariat, specialists) files for a town that phoned, mailed or visited.
  "consultation.create": (a) => a.role === "municipal" || a.role === "secretariat" || a.role === "specialist",
  "consultation.read": reads,
  "consultation.reply": (a, c?: ConsultationSubject) => reads(a, c) && !c?.merged_into_id,
  // Internal notes: prefecture staff only, for reading and writing.
  "consultation.note": staff,
  "consultation.assign": (a, c?: ConsultationSubject) => staff(a) && !c?.merged_into_id,
  "consultation.changeStatus": (a, c?: ConsultationSubject) => staff(a) && !c?.merged_into_id,
  "consultation.close": (a, c?: ConsultationSubject) =>
    (staff(a) || ownOrg(a, c)) && !!c && c.status !== "closed" && !c.merged_into_id,
  "consultation.merge": (a, c?: ConsultationSubject) => staff(a) && !c?.merged_into_id,
  "consultation.edit": (a, c?: ConsultationSubject) =>
    !!c && !c.merged_into_id && (staff(a) || (ownOrg(a, c) && c.created_by === a.userId && c.status === "new")),
  "consultation.export": (a) => staff(a) || a.role === "municipal",
  "consultation.workDesk": staff,
  "consultation.report": staff,
  "consultation.templates": staff,
  "consultation.makeFaq": (a, c?: ConsultationSubject) => staff(a) && (c?.status === "resolved" || c?.status === "closed"),
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type ConsultationsEvent =
  | "consultation.assign"
  | "consultation.create"
  | "consultation.mailIn"
  | "consultation.mailRefused"
  | "consultation.merge"
  | "consultation.note"
  | "consultation.reply"
  | "consultation.status"
  | "consultation.toSupport"
  | "consultation.update"
  | "consultationTemplate.create"
  | "consultationTemplate.delete"
  | "consultationTemplate.update";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<ConsultationsEvent, true> {}
}
