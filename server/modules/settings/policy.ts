import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";

const policies = {
  "settings.update": (a) => a.role === "admin",
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type SettingsEvent = "settings.update";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<SettingsEvent, true> {}
}
