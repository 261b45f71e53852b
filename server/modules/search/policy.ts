import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";

const policies = {
  // Anyone signed in may search; what they find is filtered by each entry's scope in the query itself.
  "search.query": () => true,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}
