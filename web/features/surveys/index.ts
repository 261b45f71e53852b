import "./messages.js";

export { AnswerViewPage } from "./answer-view-page.js";
export { SurveyProgressPage } from "./progress-page.js";
export { SurveyResultsPage } from "./results-page.js";
export { SurveyStatusPage } from "./status-page.js";
export { SurveyDetailPage } from "./survey-detail-page.js";
export { SurveyEditPage } from "./survey-edit-page.js";
export { SurveyListPage } from "./survey-list-page.js";
