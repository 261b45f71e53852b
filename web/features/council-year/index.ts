import { addMessages } from "../../lib/i18n.js";
import { yearPrint } from "../../lib/messages/year-print.js";

addMessages(yearPrint);

export { MinutesReviewPage } from "./minutes-review-page.js";
export { PollCreatePage } from "./poll-create-page.js";
export { PollDetailPage } from "./poll-detail-page.js";
export { PollListPage } from "./poll-list-page.js";
export { YearPlanPage } from "./year-plan-page.js";
