import type { Actor } from "../../platform/context.js";
import { definePolicies } from "../../platform/policy/authorize.js";

type Target = { org_id: string; role: string; id: string };
const staffAdmin = (a: Actor) => a.role === "admin";
const orgAdminOf = (a: Actor, t?: Target) => a.isOrgAdmin && !!t && t.org_id === a.orgId && t.role === "municipal";

definePolicies({
  // Listing: admin and secretariat see everyone; an org admin sees their own organisation.
  "user.list": (a) => a.role === "admin" || a.role === "secretariat" || a.isOrgAdmin,
  "user.list.all": (a) => a.role === "admin" || a.role === "secretariat",
  "user.read": (a, t?: Target) =>
    a.role === "admin" || a.role === "secretariat" || t?.id === a.userId || (a.isOrgAdmin && t?.org_id === a.orgId),
  "user.invite": (a, t?: { org_id: string; role: string }) => staffAdmin(a) || orgAdminOf(a, t as Target),
  "user.update": (a, t?: Target) => staffAdmin(a) || orgAdminOf(a, t),
  "user.changeRole": (a) => staffAdmin(a),
  "user.unlock": (a, t?: Target) => staffAdmin(a) || orgAdminOf(a, t),
});
