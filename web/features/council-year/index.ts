export { YearPlanPage } from "./year-plan-page.js";
