/** The bodies module's public face beside its service: members' standing in bodies. */
export { bodyStandings } from "./standing.js";
