/** The notices module's public face beside its service: reading status for the insight module's agenda suggestions. */
export { requiredNoticesFor } from "./insight-repo.js";
export { audienceOrgs, firstReadByOrg } from "./reads-repo.js";
