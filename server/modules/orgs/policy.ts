import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";

const manages = (role: string) => role === "admin" || role === "secretariat";

const policies = {
  "org.read": () => true,
  "org.create": (a) => manages(a.role),
  "org.update": (a) => manages(a.role),
  "org.import": (a) => manages(a.role),
  // Its contact data (department, person, phone, representative e-mail, address): also the organisation's own administrator.
  "org.contact.update": (a, t?: { id: string }) => manages(a.role) || (a.isOrgAdmin && !!t && t.id === a.orgId),
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type OrgsEvent = "org.contact.update" | "org.create" | "org.import" | "org.update";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<OrgsEvent, true> {}
}
