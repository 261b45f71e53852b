/** The search module's public face beside its service: indexing hooks and the visibility predicates. */
export { indexEntry, removeEntry } from "./index-entry.js";
export { seesBody, seesOrgScope } from "./scopes.js";
