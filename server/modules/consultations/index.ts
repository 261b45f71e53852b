/** The desk's public face beside its service: reads for the insight module's agenda suggestions. */
export { deskCountsByCategory, deskPeriodFigures, radarDeskCounts, radarDeskCountsAt } from "./insight-repo.js";
export { startDeskMailIn } from "./mail-in.js";
