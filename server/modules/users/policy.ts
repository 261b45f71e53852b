import type { Actor } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { isPrefectureStaff, runsCouncil } from "../../platform/policy/predicates.js";

type Target = { org_id: string; role: string; id: string };
const staffAdmin = (a: Actor) => a.role === "admin";
const orgAdminOf = (a: Actor, t?: Target) => a.isOrgAdmin && !!t && t.org_id === a.orgId && t.role === "municipal";

const policies = {
  // Listing: admin and secretariat see everyone; an org admin sees their own organisation.
  "user.list": (a) => runsCouncil(a) || a.isOrgAdmin,
  "user.list.all": runsCouncil,
  "user.read": (a, t?: Target) => runsCouncil(a) || t?.id === a.userId || (a.isOrgAdmin && t?.org_id === a.orgId),
  "user.invite": (a, t?: { org_id: string; role: string }) => staffAdmin(a) || orgAdminOf(a, t as Target),
  "user.update": (a, t?: Target) => staffAdmin(a) || orgAdminOf(a, t),
  "user.changeRole": (a) => staffAdmin(a),
  // A person's 所属・役職 (issue 15): the system administrator; their organisation's administrator; the
  // secretariat for prefecture staff; and the person themselves (account settings), as a title changes with 人事異動.
  "user.contact.update": (a, t?: Target) =>
    staffAdmin(a) ||
    (!!t && t.id === a.userId) ||
    (a.isOrgAdmin && !!t && t.org_id === a.orgId) ||
    (a.role === "secretariat" && !!t && isPrefectureStaff({ ...a, role: t.role as Actor["role"] })),
  "user.unlock": (a, t?: Target) => staffAdmin(a) || orgAdminOf(a, t),
  // Bulk import and export: the system administrator for everyone, an org admin for their own organisation.
  "user.bulk": (a) => staffAdmin(a) || a.isOrgAdmin,
  "user.bulk.all": staffAdmin,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type UsersEvent =
  | "user.create"
  | "user.disable"
  | "user.invite"
  | "user.setPassword"
  | "user.unlock"
  | "user.update"
  | "user.contact.update"
  | "user.import";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<UsersEvent, true> {}
}
