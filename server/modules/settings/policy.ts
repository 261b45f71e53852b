import { definePolicies } from "../../platform/policy/authorize.js";

definePolicies({
  "settings.read": () => true,
  "settings.update": (a) => a.role === "admin",
});
