import type { Actor } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { type MeetingSubject, runsBody } from "../meetings/index.js";

const runsCouncil = (a: Actor) => a.role === "admin" || a.role === "secretariat";

const policies = {
  // Whoever runs the body's meetings decides what of them the public sees.
  "meeting.publish": (a, s?: MeetingSubject) => runsBody(a, s),
  // The site as a whole (the export for the prefecture's CMS, the programmes in the open data): the council secretariat.
  "publication.manage": runsCouncil,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type PublicationEvent = "meeting.publication.update" | "programme.disclosure.update";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<PublicationEvent, true> {}
}
