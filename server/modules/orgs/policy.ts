import { definePolicies } from "../../platform/policy/authorize.js";

const manages = (role: string) => role === "admin" || role === "secretariat";

definePolicies({
  "org.read": () => true,
  "org.create": (a) => manages(a.role),
  "org.update": (a) => manages(a.role),
  "org.import": (a) => manages(a.role),
});
