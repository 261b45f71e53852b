/** The support module's public face beside its service: the home page's part. */

export { openEngagementsOf, reassignOpenEngagements } from "./handover-repo.js";
export { myNextSteps } from "./home.js";
export { supportPeriodFigures } from "./report-repo.js";
