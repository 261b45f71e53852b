import type { App } from "../../platform/http/types.js";
import { yearPlanRoutes } from "./plan-routes.js";
import { datePollRoutes } from "./poll-routes.js";
import { minutesReviewRoutes } from "./review-routes.js";

/** The council's year (issue 15): the yearly plan, date polls, minutes review. */
export function councilYearRoutes(app: App) {
  yearPlanRoutes(app);
  datePollRoutes(app);
  minutesReviewRoutes(app);
}
