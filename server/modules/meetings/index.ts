/** The meetings module's public face beside its service: agenda proposals from other modules, the home page's part. */
export { proposeAgendaItem } from "./agenda.js";
export { meetingsDue } from "./home.js";
