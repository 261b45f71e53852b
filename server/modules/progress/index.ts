/** The progress module's public face beside its service: one municipality's record of an item. */

export { getDashboard } from "./dashboard.js";
export { updateProgrammeRow } from "./definitions-repo.js";
export { behindOnBodyItems, nextDeadlineAfter, radarProgressCounts, radarProgressCountsAt } from "./insight-repo.js";
export { metricFigures } from "./metric-figures.js";
export { getRecord } from "./records.js";
export { findProgramme, listProgrammeRows } from "./repo.js";
export { programmeTotals } from "./totals.js";
