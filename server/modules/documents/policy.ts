import type { Actor } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";

/** An area of the library: the shared area (body null) or one body's, and the actor's standing in it. */
export interface AreaSubject {
  shared: boolean;
  /** The actor may see the body (always true for the shared area). */
  visible: boolean;
  /** The council secretariat, or the body's chair/secretariat in person. */
  runs: boolean;
  /** The actor's organisation or person is a current member of the body. */
  member: boolean;
}
export interface DocumentSubject extends AreaSubject {
  /** The document was uploaded by the actor's organisation. */
  ownOrg: boolean;
}

const runsCouncil = (a: Actor) => a.role === "admin" || a.role === "secretariat";
const uploads = (a: Actor, s?: AreaSubject) =>
  runsCouncil(a) || !!s?.runs || (!!s && !s.shared && s.member && a.role !== "observer");

const policies = {
  "document.list": () => true,
  "document.read": (_a, s?: AreaSubject) => !!s?.visible,
  /** The shared area is the secretariat's; a body's area also takes its members' uploads. */
  "document.upload": uploads,
  "document.edit": (a, s?: DocumentSubject) => uploads(a, s) && (runsCouncil(a) || !!s?.runs || !!s?.ownOrg),
  "folder.manage": (a, s?: AreaSubject) => runsCouncil(a) || !!s?.runs,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type DocumentsEvent =
  | "document.addVersion"
  | "document.create"
  | "document.delete"
  | "document.downloadZip"
  | "document.update"
  | "folder.create"
  | "folder.delete"
  | "folder.rename";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<DocumentsEvent, true> {}
}
