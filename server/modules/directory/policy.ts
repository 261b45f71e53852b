import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";

const policies = {
  // The secretariat and the administrator look at the directory's report and run the sync; the mapping is the configuration's.
  "directory.sync": runsCouncil,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events of directory sync (each account's change is user.create / user.update / user.disable). */
type DirectoryEvent = "directory.sync" | "directory.syncFailed";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<DirectoryEvent, true> {}
}
