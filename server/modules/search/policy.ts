import { definePolicies } from "../../platform/policy/authorize.js";

definePolicies({
  // Anyone signed in may search; what they find is filtered by each entry's scope in the query itself.
  "search.query": () => true,
});
