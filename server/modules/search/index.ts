/** The search module's public face beside its service: indexing hooks and the visibility predicates. */
export { indexEntry, removeEntry, type SearchScope } from "./index-entry.js";
export { seesBody, seesMembersScope, seesOrgScope } from "./scopes.js";
