/** The bodies module's public face beside its service: members' standing in bodies. */

export { currentMembershipsOf, reassignMemberships } from "./handover-repo.js";
export type { BodyRow } from "./repo.js";
export { findBodyRow, listBodyRows, listMemberRows } from "./repo.js";
export { bodyStandings } from "./standing.js";
